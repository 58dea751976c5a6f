// GRIP origin for the Pushpin peer of `wireedge-load compare fanout` (route "*,over_http": Pushpin
// speaks WebSocket-over-HTTP to this origin). On OPEN it accepts the websocket and subscribes it to
// the channel "client-<client>" (from ?client= of the original request); text "ping" gets "pong";
// CLOSE is acknowledged; every other event gets an empty reply. Usage: node pushpin-origin.mjs PORT
import http from 'node:http';

const port = Number(process.argv[2] ?? process.env.ORIGIN_PORT ?? 8092);
const event = (type, content) => content === undefined
  ? `${type}\r\n`
  : `${type} ${Buffer.byteLength(content).toString(16)}\r\n${content}\r\n`;

http.createServer((req, res) => {
  const parts = [];
  req.on('data', (c) => parts.push(c));
  req.on('end', () => {
    const body = Buffer.concat(parts).toString('latin1');
    let reply = '';
    if (body.startsWith('OPEN\r\n')) {
      const at = req.url.indexOf('client=');
      const client = at >= 0 ? decodeURIComponent(req.url.slice(at + 7).split('&')[0]) : 'anonymous';
      reply = event('OPEN') + event('TEXT', 'c:' + JSON.stringify({ type: 'subscribe', channel: `client-${client}` }));
    } else if (body.includes('TEXT 4\r\nping\r\n')) {
      reply = event('TEXT', 'pong');
    } else if (body.startsWith('CLOSE')) {
      reply = event('CLOSE');
    }
    res.writeHead(200, { 'content-type': 'application/websocket-events', 'sec-websocket-extensions': 'grip' });
    res.end(reply);
  });
}).listen({ host: '127.0.0.1', port, backlog: 4096 }, () => console.log(`pushpin-origin listening on 127.0.0.1:${port}`));
process.on('SIGTERM', () => process.exit(0));
