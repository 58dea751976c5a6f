'use strict';
// Version negotiation, registration, login, wrong password and GET /self through the official client.
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const axios = require('axios');
const { WireUser } = require('../lib/wire');
const { REST } = require('../lib/env');

after(() => WireUser.closeAll());

test('useVersion(1, 11) settles on v8 and takes the domain from /api-version', async () => {
  const user = new WireUser('negotiator');
  const features = await user.negotiate(1, 11);
  assert.equal(features.version, 8);
  assert.match(features.domain, /^([a-zA-Z0-9]+(-[a-zA-Z0-9]+)*\.)+[a-zA-Z]{2,}$/, 'domain must be dotted (getAsset validates it)');
  assert.equal(features.isFederated, false);
  // Re-negotiation (the web app does it periodically) goes to /v8/api-version.
  const again = await user.negotiate(1, 8);
  assert.equal(again.version, 8);
  // A range the backend cannot serve is refused by the client itself.
  await assert.rejects(user.negotiate(9, 11), /No compatible API version in range/);
});

test('register creates the user, keeps its cookie and yields a context with the self domain', async () => {
  const alice = await WireUser.register('Alice');
  assert.match(alice.userId, /^[0-9a-f-]{36}$/);
  assert.equal(alice.context.domain, alice.domain);
  const cookie = alice.lib.CookieStore.getCookie();
  assert.ok(cookie && cookie.zuid, 'Set-Cookie zuid from POST /register was stored');
  const self = await alice.api.self.getSelf();
  assert.equal(self.id, alice.userId);
  assert.deepEqual(self.qualified_id, { id: alice.userId, domain: alice.domain });
  assert.equal(self.name, 'Alice');
  assert.equal(self.email, alice.email);
  assert.equal(self.locale, 'en');
  assert.equal(self.accent_id, 1);
  assert.ok(Array.isArray(self.assets));
  // As real clients do (NODE_ENV is not "test"), the JSON body went out gzipped.
  assert.notEqual(process.env.NODE_ENV, 'test');
  assert.deepEqual(alice.requests.find(r => r.endpoint === 'POST /v8/register'), { endpoint: 'POST /v8/register', status: 201, gzip: true });
  // register → GET /self without a token (401) → POST /access → retry (200).
  assert.deepEqual(alice.requests.filter(r => r.endpoint === 'GET /v8/self').map(r => r.status).slice(0, 2), [401, 200]);
});

test('login with email and password gives a token for the same user', async () => {
  const registered = await WireUser.register('Bob');
  await registered.close();
  const bob = await WireUser.login(registered.email, registered.password, 'Bob');
  assert.equal(bob.userId, registered.userId);
  const token = bob.client.accessTokenStore.accessTokenData;
  assert.equal(token.token_type, 'Bearer');
  assert.equal(token.user, registered.userId);
  assert.ok(token.expires_in > 0);
  assert.ok(bob.lib.CookieStore.getCookie()?.zuid, 'Set-Cookie zuid from POST /login was stored');
  const self = await bob.api.self.getSelf();
  assert.equal(self.qualified_id.id, registered.userId);
});

test('a wrong password is InvalidCredentialsError: 403 invalid-credentials "Authentication failed."', async () => {
  const carol = await WireUser.register('Carol');
  await carol.close();
  const attempt = new WireUser('Carol again');
  await attempt.negotiate();
  let loggedOut = false;
  attempt.client.on(attempt.lib.APIClient.TOPIC.ON_LOGOUT, () => { loggedOut = true; });
  await assert.rejects(
    attempt.client.login({ email: carol.email, password: 'not the password', clientType: attempt.lib.ClientType.PERMANENT }),
    error => {
      assert.equal(error.name, 'InvalidCredentialsError');
      assert.equal(error.code, 403);
      assert.equal(error.label, 'invalid-credentials');
      return true;
    },
  );
  // The mapping is by message text: the backend's body must carry exactly "Authentication failed.".
  const raw = await axios.post(`${REST}/v8/login`, { email: carol.email, password: 'not the password' }, { validateStatus: () => true });
  assert.equal(raw.status, 403);
  assert.deepEqual(raw.data, { code: 403, label: 'invalid-credentials', message: 'Authentication failed.' });
  assert.equal(loggedOut, false, 'a wrong password must not be mapped to a logout');
  // An unknown e-mail address gets the same answer.
  await assert.rejects(
    attempt.client.login({ email: 'nobody-' + Date.now() + '@e2e.wire.example.com', password: 'whatever-long-enough', clientType: attempt.lib.ClientType.PERMANENT }),
    error => error.name === 'InvalidCredentialsError',
  );
});

test('registering an e-mail address twice is IdentifierExistsError (409 key-exists)', async () => {
  const dave = await WireUser.register('Dave');
  const twin = new WireUser('Dave twin');
  await twin.negotiate();
  await assert.rejects(
    twin.client.register({ name: 'Dave twin', email: dave.email, password: 'another password 123' }),
    error => error.code === 409 && error.label === 'key-exists',
  );
});
