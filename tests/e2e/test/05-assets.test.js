'use strict';
// Asset upload and download through the library's postAsset/getAsset, byte for byte.
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { WireUser } = require('../lib/wire');

after(() => WireUser.closeAll());

test('postAsset then getAsset returns the same bytes, to the owner and to another user with the token', async () => {
  const owner = await WireUser.register('Uploader');
  const other = await WireUser.register('Downloader');
  const bytes = new Uint8Array(crypto.randomBytes(256 * 1024 + 17));

  // A private asset: the library sends multipart/mixed (JSON metadata + octet-stream with Content-MD5).
  const upload = owner.api.asset.postAsset(bytes, { public: false, retention: 'eternal' });
  const asset = await upload.response;
  assert.match(asset.key, /^[A-Za-z0-9-]+$/);
  assert.equal(asset.domain, owner.domain);
  assert.ok(asset.token, 'a non-public asset has a token');

  const mine = await owner.api.asset.getAsset(asset.key, asset.domain);
  assert.ok(Buffer.from(mine.buffer).equals(Buffer.from(bytes)), 'owner downloads the same bytes');

  const theirs = await other.api.asset.getAsset(asset.key, asset.domain, asset.token);
  assert.ok(Buffer.from(theirs.buffer).equals(Buffer.from(bytes)), 'another user with the token downloads the same bytes');

  await assert.rejects(other.api.asset.getAsset(asset.key, asset.domain), error => [403, 404].includes(error.code ?? error.response?.status));

  // The library's default is a public asset: anyone signed in can fetch it without a token.
  const small = Uint8Array.from(bytes.subarray(0, 1000)); // own ArrayBuffer: Content-MD5 covers the whole buffer
  const publicAsset = await owner.api.asset.postAsset(small).response;
  const fetched = await other.api.asset.getAsset(publicAsset.key, publicAsset.domain);
  assert.ok(Buffer.from(fetched.buffer).equals(Buffer.from(small)));
});
