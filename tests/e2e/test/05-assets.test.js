'use strict';
// Assets through the official library's postAsset/getAsset (CLIENT-CONTRACT §6): the library uploads
// multipart/mixed, downloads with `?asset_token=` and follows cargohold's 302 to the signed URL.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { WireUser } = require('../lib/wire');

let owner;
let other;

before(async () => {
  owner = await WireUser.register('Uploader');
  other = await WireUser.register('Downloader');
});

after(() => WireUser.closeAll());

/** Random bytes in a Uint8Array with its own ArrayBuffer (the library's Content-MD5 covers the whole buffer). */
function randomAsset(length) {
  return Uint8Array.from(crypto.randomBytes(length));
}

async function upload(user, bytes, options) {
  const asset = await user.api.asset.postAsset(bytes, options).response;
  assert.match(asset.key, /^3-[0-9]-[0-9a-f-]{36}$/, 'key is 3-<retention>-<uuid>');
  assert.equal(asset.domain, user.domain);
  return asset;
}

async function download(user, asset, token) {
  const { buffer } = await user.api.asset.getAsset(asset.key, asset.domain, token).response;
  return Buffer.from(buffer);
}

function statusOf(error) {
  return error.response?.status ?? error.code;
}

test('a private asset: the owner and another user with the token download the same bytes, without the token it is 404', async () => {
  const bytes = randomAsset(256 * 1024 + 17);
  const asset = await upload(owner, bytes, { public: false, retention: 'eternal' });
  assert.ok(asset.token, 'a non-public asset has a token');

  assert.ok((await download(owner, asset)).equals(Buffer.from(bytes)), 'owner, no token: same bytes');
  assert.ok((await download(other, asset, asset.token)).equals(Buffer.from(bytes)), 'other user with ?asset_token=: same bytes');
  // Again, now that the edge's upstream connections are warm (a pooled connection must be reusable).
  assert.ok((await download(other, asset, asset.token)).equals(Buffer.from(bytes)), 'second download with the token: same bytes');

  await assert.rejects(download(other, asset), error => statusOf(error) === 404, 'other user without the token: 404');
  const wrong = Buffer.from(crypto.randomBytes(16)).toString('base64url');
  await assert.rejects(download(other, asset, wrong), error => statusOf(error) === 404, 'other user with a wrong token: 404');
});

test('the library defaults to a public asset: another user downloads it without a token', async () => {
  const bytes = randomAsset(1000);
  const asset = await upload(owner, bytes);
  assert.equal(asset.token ?? undefined, undefined, 'a public asset has no token');
  assert.ok((await download(other, asset)).equals(Buffer.from(bytes)));
});

test('a 5 MiB asset goes up and comes down byte for byte, for the owner and with the token', async () => {
  const bytes = randomAsset(5 * 1024 * 1024 + 3);
  const asset = await upload(owner, bytes, { public: false, retention: 'persistent' });
  assert.ok((await download(owner, asset)).equals(Buffer.from(bytes)), 'owner');
  assert.ok((await download(other, asset, asset.token)).equals(Buffer.from(bytes)), 'other user with the token');
});
