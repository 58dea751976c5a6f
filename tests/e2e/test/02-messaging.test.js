'use strict';
// Two users with real Proteus clients: connection, group conversation, encrypted messages through the
// protobuf endpoint (412 then 201), live delivery over /await, catch-up after being offline, unknown since.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { v1: uuidv1 } = require('uuid');
const { WireUser, waitFor } = require('../lib/wire');
const { sendText } = require('../lib/messaging');

const OTR = 'conversation.otr-message-add';

describe('messaging between two users', { concurrency: false }, () => {
  let alice, bob, bobPhone, conversation;

  before(async () => {
    alice = await WireUser.register('Alice');
    bob = await WireUser.register('Bob');
    await alice.registerDevice();
    await bob.registerDevice();
    await alice.listen();
    await bob.listen();
  });
  after(() => WireUser.closeAll());

  test('a registered client has a hex id, is listed, and /notifications/last is its user.client-add', async () => {
    const id = bob.clientId;
    assert.match(id, /^[1-9a-f][0-9a-f]{0,15}$/, 'lowercase hex of a uint64 without leading zeros');
    const clients = await bob.api.client.getClients();
    assert.ok(clients.some(c => c.id === id && c.type === 'permanent' && c.class === 'desktop'));
    const last = await bob.api.notification.getLastNotification(id);
    assert.equal(last.id, bob.catchUps[0].since, 'core remembers /notifications/last before connecting');
    const event = last.payload.find(e => e.type === 'user.client-add');
    assert.ok(event, `last notification is user.client-add, got ${JSON.stringify(last.payload.map(e => e.type))}`);
    assert.equal(event.client.id, id);
    // The token is bound to the client now (POST /access?client_id=): the socket carried ?client= too.
    assert.ok(bob.socketOpen(), 'websocket is open');
  });

  test('a second permanent client needs the password (403 without, 201 with)', async () => {
    bobPhone = await WireUser.login(bob.email, bob.password, 'Bob (phone)');
    await assert.rejects(bobPhone.registerDevice('Bob phone, no password'), error => error.code === 403);
    await bobPhone.registerDevice('Bob phone', { password: bob.password });
    await bobPhone.listen();
    assert.notEqual(bobPhone.clientId, bob.clientId);
    // The user's first client is told about the new one over its websocket.
    await bob.waitForEvent('user.client-add for the phone', e => e.type === 'user.client-add' && e.client?.id === bobPhone.clientId);
  });

  test('connection request and acceptance reach both users', async () => {
    const sent = await alice.api.connection.postConnection(bob.qualifiedId);
    assert.equal(sent.status, 'sent');
    assert.deepEqual(sent.qualified_to, bob.qualifiedId);
    await bob.waitForEvent('a pending connection', e => e.type === 'user.connection' && e.connection.status === 'pending' && e.connection.to === alice.userId);
    const accepted = await bob.api.connection.putConnection(alice.qualifiedId, { status: 'accepted' });
    assert.equal(accepted.status, 'accepted');
    await alice.waitForEvent('the accepted connection', e => e.type === 'user.connection' && e.connection.status === 'accepted' && e.connection.to === bob.userId);
  });

  test('a group conversation is created with both members and announced to the other', async () => {
    conversation = await alice.api.conversation.postConversation({
      name: 'e2e group',
      qualified_users: [bob.qualifiedId],
      receipt_mode: null,
      protocol: 'proteus',
      conversation_role: 'wire_member',
    });
    assert.equal(conversation.qualified_id.domain, alice.domain);
    assert.equal(conversation.name, 'e2e group');
    assert.equal(conversation.members.self.qualified_id.id, alice.userId);
    assert.deepEqual(conversation.members.others.map(m => m.qualified_id.id), [bob.userId]);
    const created = await bob.waitForEvent('conversation.create', e => e.type === 'conversation.create' && e.qualified_conversation?.id === conversation.qualified_id.id);
    assert.ok(created);
    const seenByBob = await bob.api.conversation.getConversation(conversation.qualified_id);
    assert.deepEqual(seenByBob.members.others.map(m => m.qualified_id.id), [alice.userId]);
    const ids = await bob.api.conversation.getConversationList();
    assert.ok(ids.found.some(c => c.qualified_id.id === conversation.qualified_id.id), 'list-ids + list contains it');
  });

  test('report_all with a client left out is 412 naming exactly that client; the resend is 201', async () => {
    const plaintext = 'Hello Bob, this is end-to-end encrypted 🔐';
    const { attempts } = await sendText(alice, conversation.qualified_id, plaintext, { omit: [{ userId: bob.userId, clientId: bobPhone.clientId }] });
    assert.equal(attempts.length, 2);
    assert.equal(attempts[0].status, 412);
    assert.deepEqual(attempts[0].body.missing, { [bob.domain]: { [bob.userId]: [bobPhone.clientId] } });
    assert.equal(attempts[1].status, 201);
    assert.deepEqual(attempts[1].body.missing, {});
    assert.deepEqual(attempts[1].body.redundant, {});
    assert.deepEqual(attempts[1].body.deleted, {});
    assert.ok(!Number.isNaN(Date.parse(attempts[1].body.time)));

    for (const recipient of [bob, bobPhone]) {
      const n = await recipient.waitForEvent('the message over the websocket', e => e.type === OTR && e.data.recipient === recipient.clientId);
      assert.equal(n.via, 'websocket');
      const event = n.payload.find(e => e.type === OTR);
      assert.equal(event.from, alice.userId);
      assert.deepEqual(event.qualified_from, alice.qualifiedId);
      assert.deepEqual(event.qualified_conversation, conversation.qualified_id);
      assert.equal(event.data.sender, alice.clientId);
      assert.ok(!Number.isNaN(Date.parse(event.time)));
      assert.equal(await recipient.decrypt(event), plaintext);
      // The same notification id is in the stored stream.
      const stream = await recipient.api.notification.getNotifications(recipient.clientId, 10000);
      const stored = stream.notifications.find(s => s.id === n.id);
      assert.ok(stored, 'the websocket notification id is in GET /notifications');
      assert.deepEqual(stored.payload, n.payload);
    }
    // The 412 attempt delivered nothing: exactly one message reached Bob's desktop.
    assert.equal(bob.notifications.filter(n => n.payload.some(e => e.type === OTR)).length, 1);
  });

  test('messages sent while offline come back exactly, in order, through the catch-up with since', async () => {
    const seenBefore = new Set(bob.notifications.map(n => n.id));
    const since = bob.lastNotificationId;
    await bob.goOffline();
    const texts = ['while you were away 1', 'while you were away 2', 'while you were away 3'];
    for (const text of texts) {
      const { attempts } = await sendText(alice, conversation.qualified_id, text);
      assert.deepEqual(attempts.map(a => a.status), [201]);
    }
    // Bob's phone stayed online and got them live.
    await waitFor('the phone to get 3 live messages', () =>
      bobPhone.notifications.filter(n => n.via === 'websocket' && n.payload.some(e => e.type === OTR)).length === 4);

    const catchUp = await bob.listen();
    assert.equal(catchUp.since, since);
    assert.equal(catchUp.missedNotification, undefined);
    assert.equal(catchUp.notifications.length, 3, `exactly the missed notifications, got ${JSON.stringify(catchUp.notifications.map(n => n.payload.map(e => e.type)))}`);
    const decrypted = [];
    for (const n of catchUp.notifications) {
      assert.ok(!seenBefore.has(n.id), 'nothing Bob already had');
      const event = n.payload.find(e => e.type === OTR);
      assert.equal(event.data.recipient, bob.clientId);
      decrypted.push(await bob.decrypt(event));
    }
    assert.deepEqual(decrypted, texts);
    // It is exactly the tail of the full stream after `since`.
    const full = await bob.api.notification.getAllNotifications(bob.clientId);
    const ids = full.notifications.map(n => n.id);
    assert.deepEqual(catchUp.notifications.map(n => n.id), ids.slice(ids.indexOf(since) + 1));
    assert.ok(bob.socketOpen());
  });

  test('an unknown since is 404 not-found; the client refetches everything and keeps working', async () => {
    const unknown = uuidv1();
    await assert.rejects(
      bob.api.notification.getNotifications(bob.clientId, 10000, unknown),
      error => error.code === 404 && error.label === 'not-found',
    );
    const everything = await bob.api.notification.getAllNotifications(bob.clientId);
    await bob.goOffline();
    bob.lastNotificationId = unknown;
    const catchUp = await bob.listen();
    assert.equal(catchUp.missedNotification, unknown, 'the library reports the missed notification');
    assert.deepEqual(catchUp.notifications.map(n => n.id), everything.notifications.map(n => n.id));
    // Live delivery still works after the recovery.
    const { attempts } = await sendText(alice, conversation.qualified_id, 'after the recovery');
    assert.deepEqual(attempts.map(a => a.status), [201]);
    const n = await bob.waitForEvent('the message after recovery', (e, notif) => e.type === OTR && notif.via === 'websocket' && !everything.notifications.some(x => x.id === notif.id) && !catchUp.notifications.some(x => x.id === notif.id));
    assert.equal(await bob.decrypt(n.payload.find(e => e.type === OTR)), 'after the recovery');
  });
});
