'use strict';
// Websockets spread over every cannon of the topology (round robin through the edge), and events reach
// sockets on each of them.
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const axios = require('axios');
const { WireUser, waitFor } = require('../lib/wire');
const { GUNDECK_INTERNAL, CANNONS } = require('../lib/env');

after(() => WireUser.closeAll());

const cannonOf = resource => resource.slice(0, resource.lastIndexOf('/i/push/'));

test(`websockets spread over all ${CANNONS} cannon(s) and each delivers events`, async () => {
  const users = [];
  for (let i = 0; i < 2 * CANNONS + 2; i++) {
    const user = await WireUser.register(`Spread${i}`);
    await user.registerDevice();
    await user.listen();
    users.push(user);
  }
  const ids = users.map(u => u.userId).join(',');
  const presences = await waitFor('a presence for every socket', async () => {
    const { data } = await axios.get(`${GUNDECK_INTERNAL}/i/presences?ids=${ids}`);
    return users.every(u => data.some(p => p.user_id === u.userId && p.client_id === u.clientId)) && data;
  });
  const cannons = new Set(presences.map(p => cannonOf(p.resource)));
  assert.equal(cannons.size, CANNONS, `sockets on ${[...cannons].join(', ')}`);

  // Every socket, whichever cannon holds it, gets the connection request sent to its user.
  const [sender, ...others] = users;
  for (const other of others) await sender.api.connection.postConnection(other.qualifiedId);
  for (const other of others) {
    const n = await other.waitForEvent('the connection request', e => e.type === 'user.connection' && e.connection.to === sender.userId);
    assert.equal(n.via, 'websocket');
  }
});
