'use strict';
// The /await socket as the library's ReconnectingWebsocket uses it: token in the query string,
// application-level "ping" text frames answered with exactly "pong", and 401 on a bad token.
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const WebSocket = require('ws');
const { WireUser } = require('../lib/wire');
const { WS } = require('../lib/env');

after(() => WireUser.closeAll());

function open(url) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (req, res) => {
      // With a listener here ws leaves the refused request open; destroy it, or a keep-alive
      // connection (the distributed edge keeps them) holds the test process open.
      req.destroy();
      reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode }));
    });
    socket.once('error', reject);
  });
}

test('the library\'s "ping" text frame is answered with exactly "pong"', async () => {
  const gina = await WireUser.register('Gina');
  await gina.registerDevice();
  const token = gina.client.accessTokenStore.accessTokenData.access_token;
  const socket = await open(`${WS}/await?access_token=${encodeURIComponent(token)}&client=${gina.clientId}`);
  try {
    const reply = new Promise(resolve => socket.once('message', data => resolve(data.toString('utf8'))));
    socket.send('ping');
    assert.equal(await reply, 'pong');
  } finally {
    socket.close(1000, 'Closed by client logout');
  }
});

test('a forged or missing access token is refused at the upgrade with 401', async () => {
  const hank = await WireUser.register('Hank');
  const token = hank.client.accessTokenStore.accessTokenData.access_token;
  // Flip one character of the signature.
  const forged = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
  await assert.rejects(open(`${WS}/await?access_token=${encodeURIComponent(forged)}`), error => error.status === 401);
  await assert.rejects(open(`${WS}/await`), error => error.status === 401);
});
