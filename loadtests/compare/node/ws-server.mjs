// Node.js `ws` 8.x peer of `wireedge-load compare idle`: holds idle websockets on any path,
// perMessageDeflate off, text "ping" answered with "pong", sockets kept in a map by ?client=
// (as cannon keeps its registry). Usage: node ws-server.mjs PORT
import http from 'node:http';
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2] ?? process.env.PORT ?? 8090);
const sockets = new Map();
const server = http.createServer((req, res) => {
  res.writeHead(req.url === '/stats' ? 200 : 404, { 'content-type': 'application/json' });
  res.end(req.url === '/stats' ? JSON.stringify({ sockets: sockets.size, rss: process.memoryUsage().rss }) : '{}');
});
const wss = new WebSocketServer({ server, perMessageDeflate: false, clientTracking: false });
let seq = 0;
wss.on('connection', (ws, req) => {
  const q = req.url.indexOf('client=');
  const id = q >= 0 ? req.url.slice(q + 7).split('&')[0] : `anon-${seq++}`;
  sockets.set(id, ws);
  ws.on('message', (data, isBinary) => { if (!isBinary && data.length === 4 && data.toString() === 'ping') ws.send('pong'); });
  ws.on('close', () => { if (sockets.get(id) === ws) sockets.delete(id); });
  ws.on('error', () => {});
});
server.listen({ host: '127.0.0.1', port, backlog: 4096 }, () => console.log(`ws-server listening on 127.0.0.1:${port}`));
process.on('SIGTERM', () => process.exit(0));
