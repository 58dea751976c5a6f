'use strict';
// Access-token refresh through POST /access with a genuinely expired token, and logout killing the cookie.
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const axios = require('axios');
const { WireUser, sleep } = require('../lib/wire');
const { REST, ACCESS_TTL } = require('../lib/env');

after(() => WireUser.closeAll());

/** The key=value fields of a zauth token (`<sig>.v=1.k=1.d=<exp>.t=a.l=.u=<user>[.i=<client>].c=<conn>`). */
function fields(token) {
  return Object.fromEntries(token.split('.').slice(1).map(kv => kv.split('=')).map(([k, ...v]) => [k, v.join('=')]));
}

const raw = (method, path, headers = {}) =>
  axios({ method, url: REST + path, headers, validateStatus: () => true, data: method === 'post' ? '' : undefined });

test('an expired access token gets 401; the library refreshes through POST /access and retries', { timeout: 120000 }, async () => {
  assert.ok(ACCESS_TTL > 0 && ACCESS_TTL <= 60, 'run.sh starts the backend with a short access-token lifetime (WIREEDGE_E2E_ACCESS_TTL)');
  const erin = await WireUser.register('Erin');
  await erin.registerDevice();
  const before = erin.client.accessTokenStore.accessTokenData;
  assert.ok(before.expires_in <= ACCESS_TTL, `expires_in ${before.expires_in} honours the configured lifetime`);
  const bound = fields(before.access_token);
  assert.equal(bound.v, '1');
  assert.equal(bound.t, 'a');
  assert.equal(bound.u, erin.userId);
  assert.equal(bound.i, erin.clientId, 'POST /access?client_id= bound the token to the client');

  // Wait until the token is really expired (expiry has one-second resolution).
  const expiresAt = Number(bound.d) * 1000;
  await sleep(Math.max(0, expiresAt - Date.now()) + 1500);
  const refused = await raw('get', '/v8/self', { Authorization: `Bearer ${before.access_token}` });
  assert.equal(refused.status, 401, 'an expired token is refused with 401');

  const self = await erin.api.self.getSelf(); // 401 → POST /access (cookie + expired token) → retry
  assert.equal(self.id, erin.userId);
  const after = erin.client.accessTokenStore.accessTokenData;
  assert.notEqual(after.access_token, before.access_token, 'a new token was minted');
  const renewed = fields(after.access_token);
  assert.equal(renewed.u, erin.userId);
  assert.equal(renewed.i, erin.clientId, 'renewal keeps the client binding');
  assert.equal(renewed.c, bound.c, 'renewal keeps the connection id');
  assert.ok(Number(renewed.d) > Number(bound.d));
});

test('POST /access never answers 401: missing or garbage cookies are 403 invalid-credentials', async () => {
  const none = await raw('post', '/access', { 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.equal(none.status, 403);
  assert.equal(none.data.label, 'invalid-credentials');
  const garbage = await raw('post', '/access', { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: 'zuid=not-a-token' });
  assert.equal(garbage.status, 403);
  assert.equal(garbage.data.label, 'invalid-credentials');
  assert.ok(garbage.data.code === 403 && garbage.data.message, 'a Wire error body');
});

test('after logout the cookie is refused with 403 and the library reports an invalid token', async () => {
  const frank = await WireUser.register('Frank');
  await frank.registerDevice();
  const cookie = frank.lib.CookieStore.getCookie();
  assert.ok(cookie?.zuid);
  // The cookie works before logout.
  const ok = await raw('post', '/access', { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: `zuid=${cookie.zuid}` });
  assert.equal(ok.status, 200);
  assert.equal(ok.data.user, frank.userId);
  assert.equal(ok.data.token_type, 'Bearer');

  await frank.client.logout(); // POST /access/logout with cookie and token
  assert.equal(frank.lib.CookieStore.getCookie(), undefined, 'the library dropped its cookie');

  const refused = await raw('post', '/access', { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: `zuid=${cookie.zuid}` });
  assert.equal(refused.status, 403);
  assert.equal(refused.data.label, 'invalid-credentials');

  // The library itself, handed the old cookie again, gets 403 (never 401, which it would retry forever).
  frank.lib.CookieStore.setCookie(cookie);
  let loggedOut = false;
  frank.client.on(frank.lib.APIClient.TOPIC.ON_LOGOUT, () => { loggedOut = true; });
  await assert.rejects(frank.client.transport.http.refreshAccessToken(), error => error.code === 403 && error.label === 'invalid-credentials');
  await sleep(100);
  assert.equal(loggedOut, true, 'the app is told to log the user out');
});
