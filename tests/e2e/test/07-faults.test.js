'use strict';
// Fault tests (distributed topology only; on all-in-one this file defines no test). Real Proteus
// clients keep receiving a group conversation while the backend breaks under them:
//   1. redis-server (the presence store) restarted empty while the clients stay connected;
//   2. a cannon frozen (SIGSTOP) so gundeck's bulk pushes to it time out, and its first close request too;
//   3. a cannon killed (SIGKILL); its clients reconnect through the edge to the other cannon.
// Each client follows core's catch-up protocol (lock, GET /notifications?since=<last id> on every
// open, unlock; every frame advances the last id). Messages go out before, during and after each
// fault, and each receiver must end with every one of them decrypted: 0 missing.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const axios = require('axios');
const { WireUser, waitFor, sleep } = require('../lib/wire');
const { sendText } = require('../lib/messaging');
const { GUNDECK_INTERNAL } = require('../lib/env');
const faults = require('../lib/faults');

const OTR = 'conversation.otr-message-add';
const RECEIVERS = 4;
const FROZEN_AFTER_TIMEOUT_MS = 6000;
const LONG = 120000; // generous: CI machines are loaded, reconnects back off 4 s × 1.3ⁿ (max 10 s)

const cannonOf = resource => resource.slice(0, resource.lastIndexOf('/i/push/')).replace(/\/$/, '');
const sameCannon = (a, b) => a.replace(/\/$/, '') === b.replace(/\/$/, '');

/** Decrypts, once per notification id and in arrival order, what a receiver got; remembers how each text came. */
class Inbox {
  constructor(user) {
    this.user = user;
    this.seenIds = new Set();
    this.texts = new Map(); // plaintext -> 'websocket' | 'catch-up' (how it came first)
    this.errors = [];
    this.processed = 0;
    this.chain = Promise.resolve();
  }

  update() {
    this.chain = this.chain.then(async () => {
      const all = this.user.notifications;
      for (; this.processed < all.length; this.processed++) {
        const n = all[this.processed];
        if (this.seenIds.has(n.id)) continue; // a buffered frame repeating the catch-up, or the reverse
        this.seenIds.add(n.id);
        for (const e of n.payload || []) {
          if (e.type !== OTR || e.data?.recipient !== this.user.clientId) continue;
          try {
            const text = await this.user.decrypt(e);
            if (!this.texts.has(text)) this.texts.set(text, n.via);
          } catch (error) {
            this.errors.push(`${n.id}: ${error.message}`);
          }
        }
      }
    });
    return this.chain;
  }

  async has(texts) {
    await this.update();
    return texts.every(t => this.texts.has(t));
  }

  async count(texts) {
    await this.update();
    const live = texts.filter(t => this.texts.get(t) === 'websocket').length;
    const caughtUp = texts.filter(t => this.texts.get(t) === 'catch-up').length;
    return { sent: texts.length, live, caughtUp, missing: texts.length - live - caughtUp };
  }
}

/** Sends texts one after another (core's flow, 412 loop included) until stopped; a failed send is retried. */
class Sender {
  constructor(user, conversationId, prefix) {
    this.user = user;
    this.conversationId = conversationId;
    this.prefix = prefix;
    this.sent = [];
    this.failures = [];
    this.stopped = false;
  }

  async sendOne(text) {
    for (let attempt = 0; ; attempt++) {
      try {
        const { attempts } = await sendText(this.user, this.conversationId, text);
        const last = attempts[attempts.length - 1];
        assert.equal(last.status, 201, `${text}: ${JSON.stringify(attempts.map(a => a.status))}`);
        this.sent.push(text);
        return;
      } catch (error) {
        this.failures.push(`${text}: ${error.message}`);
        if (attempt >= 5) throw error;
        await sleep(1000);
      }
    }
  }

  /** Sends `count` texts now, waiting for each (the phases before and after a fault). */
  async burst(count, label) {
    for (let i = 0; i < count; i++) await this.sendOne(`${this.prefix} ${label} ${i + 1}`);
  }

  /** Keeps sending in the background (the phase during the fault) until stop(). */
  start(label) {
    let i = 0;
    this.loop = (async () => {
      while (!this.stopped) {
        await this.sendOne(`${this.prefix} ${label} ${++i}`);
        await sleep(150);
      }
    })().catch(error => { this.loopError = error; });
  }

  async sentAtLeast(n, what) {
    const target = this.sent.length + n;
    await waitFor(`${n} more message(s) sent ${what}`, () => {
      if (this.loopError) throw this.loopError;
      return this.sent.length >= target;
    }, LONG);
  }

  async stop() {
    this.stopped = true;
    await this.loop;
    if (this.loopError) throw this.loopError;
  }
}

async function presencesOf(users) {
  const ids = users.map(u => u.userId).join(',');
  const { data } = await axios.get(`${GUNDECK_INTERNAL}/i/presences?ids=${ids}`, { timeout: 10000 });
  return data;
}

/** Whether the cannon holding `p` still has that socket (HEAD /i/presences/:user/:conn on the cannon). */
async function liveOnCannon(p) {
  try {
    const url = `${cannonOf(p.resource)}/i/presences/${p.user_id}/${encodeURIComponent(p.resource.slice(p.resource.lastIndexOf('/') + 1))}`;
    return (await axios.head(url, { timeout: 5000, validateStatus: () => true })).status === 200;
  } catch {
    return false;
  }
}

/** The cannon base URL each user's current (live) socket is on. */
async function placement(users) {
  return waitFor('a live presence for every socket', async () => {
    const presences = await presencesOf(users);
    const result = new Map();
    for (const u of users) {
      for (const p of presences.filter(x => x.user_id === u.userId && x.client_id === u.clientId)) {
        if (await liveOnCannon(p)) result.set(u, cannonOf(p.resource));
      }
    }
    return users.every(u => result.has(u) && u.socketOpen()) && result;
  }, LONG, 250);
}

/**
 * Waits until the user's socket was closed after `mark` and a catch-up then succeeded on a new socket.
 * Returns the first close after the mark.
 */
async function reconnectedAfter(user, mark, what) {
  return waitFor(`${user.name} to reconnect and catch up after ${what}`, () => {
    const close = user.closes.slice(mark.closes).find(c => c.at >= mark.at);
    if (!close) return false;
    const catchUp = user.catchUps.slice(mark.catchUps).find(c => !c.error && c.at >= close.at);
    return catchUp && user.socketOpen() && close;
  }, LONG, 100);
}

/**
 * A close the client made itself (code 1000 without a reason): the library's ping timeout or its
 * back-from-sleep detector, which reconnects every socket when the test process was not scheduled
 * for 4 s (it happens on a loaded machine). Such a reconnect also catches up, but proves nothing
 * about the server; it is tolerated and reported.
 */
const byClient = close => close.code === 1000 && (close.reason === '' || close.reason === 'Ping timeout');

/** Asserts the first close after the fault is the server's `expected` one (or the client's own, reported). */
function assertClosedBy(t, user, close, expected) {
  if (byClient(close)) {
    t.diagnostic(`${user.name}: the client reconnected by itself first (${close.code} '${close.reason}'), so the server's close was not needed`);
    return false;
  }
  assert.deepEqual({ code: close.code, reason: close.reason }, expected, `${user.name}: closed by the server`);
  return true;
}

/** Closes of `user` since `mark` not made by the client itself. */
const serverClosesSince = (user, mark) => user.closes.slice(mark.closes).filter(c => !byClient(c));

function markOf(user) {
  return { closes: user.closes.length, catchUps: user.catchUps.length, at: Date.now() };
}

if (faults.AVAILABLE) {
  describe('faults (distributed)', { concurrency: false }, () => {
    let alice, receivers, inboxes, conversation;

    before(async () => {
      alice = await WireUser.register('FaultAlice');
      await alice.registerDevice();
      receivers = [];
      for (let i = 0; i < RECEIVERS; i++) {
        const r = await WireUser.register(`FaultR${i}`);
        await r.registerDevice();
        await r.listen();
        receivers.push(r);
      }
      for (const r of receivers) {
        await alice.api.connection.postConnection(r.qualifiedId);
        await r.api.connection.putConnection(alice.qualifiedId, { status: 'accepted' });
      }
      conversation = await alice.api.conversation.postConversation({
        name: 'faults', qualified_users: receivers.map(r => r.qualifiedId), receipt_mode: null, protocol: 'proteus', conversation_role: 'wire_member',
      });
      inboxes = new Map(receivers.map(r => [r, new Inbox(r)]));
      // Sessions exist before the faults start: the first message is a prekey message.
      const warmup = new Sender(alice, conversation.qualified_id, 'warm-up');
      await warmup.burst(1, 'hello');
      await waitFor('every receiver to decrypt the warm-up', async () => {
        for (const inbox of inboxes.values()) if (!await inbox.has(warmup.sent)) return false;
        return true;
      }, LONG);
    });

    after(async () => {
      await WireUser.closeAll();
    });

    /**
     * The common frame of each fault: a burst before (received live), a sender running through the
     * fault, a burst after; then every receiver must have decrypted every text (live + caught up).
     */
    async function aroundFault(t, name, fault) {
      const sender = new Sender(alice, conversation.qualified_id, name);
      const closesBefore = new Map(receivers.map(r => [r, r.closes.length]));
      await sender.burst(3, 'before');
      for (const [r, inbox] of inboxes) {
        await waitFor(`${r.name} to get the messages before the fault`, () => inbox.has(sender.sent), LONG);
      }
      sender.start('during');
      try {
        await fault(sender);
      } finally {
        await sender.stop();
      }
      await sender.burst(3, 'after');

      const totals = { sent: 0, live: 0, caughtUp: 0, missing: 0 };
      for (const [r, inbox] of inboxes) {
        await waitFor(`${r.name} to have all ${sender.sent.length} messages`, () => inbox.has(sender.sent), LONG).catch(() => {});
        const c = await inbox.count(sender.sent);
        t.diagnostic(`${name}: ${r.name}: sent ${c.sent}, received live ${c.live}, caught up ${c.caughtUp}, missing ${c.missing}; closes ${r.closes.slice(closesBefore.get(r)).map(x => `${x.code} '${x.reason}'`).join(' | ') || 'none'}`);
        for (const k of Object.keys(totals)) totals[k] += c[k];
        assert.deepEqual(inbox.errors, [], `${r.name} decrypted everything it got`);
        assert.equal(c.missing, 0, `${r.name} is missing ${sender.sent.filter(x => !inbox.texts.has(x)).join(', ')}`);
      }
      t.diagnostic(`${name}: all receivers: sent ${totals.sent}, received live ${totals.live}, caught up ${totals.caughtUp}, missing ${totals.missing}; send retries ${sender.failures.length}`);
      return totals;
    }

    test('presence store restarted empty: every socket is closed, its client reconnects and catches up, 0 missing', async t => {
      await placement(receivers);
      const { data: before } = await axios.get(`${GUNDECK_INTERNAL}/i/presences/epoch`);
      const marks = new Map();
      const totals = await aroundFault(t, 'redis restart', async sender => {
        for (const r of receivers) marks.set(r, markOf(r));
        await faults.stopRedis();
        try {
          // Messages sent while the store is down are stored, but no live route can be looked up.
          await sender.sentAtLeast(2, 'while redis-server is down');
        } finally {
          await faults.startRedis();
        }
        const { data: after } = await waitFor('gundeck to answer the epoch again', async () => {
          try { return await axios.get(`${GUNDECK_INTERNAL}/i/presences/epoch`, { timeout: 5000 }); } catch { return false; }
        }, LONG, 250);
        assert.notEqual(after.epoch, before.epoch, 'the emptied store has a new epoch');
        for (const r of receivers) {
          const close = await reconnectedAfter(r, marks.get(r), 'the presence store restart');
          // Cannon closes every socket registered under the old epoch.
          assertClosedBy(t, r, close, { code: 1001, reason: 'presence-lost' });
        }
        await placement(receivers); // every client is registered again, in the new store
        await sender.sentAtLeast(2, 'after the reconnects');
      });
      assert.ok(totals.caughtUp > 0, 'some messages came only through the catch-up');
    });

    test('bulk pushes to a frozen cannon time out: its sockets are closed, their clients catch up, 0 missing', async t => {
      const where = await placement(receivers);
      const victim = pickVictim(where);
      const victims = receivers.filter(r => sameCannon(where.get(r), victim.internal));
      const others = receivers.filter(r => !victims.includes(r));
      t.diagnostic(`frozen: ${victim.name} holds ${victims.map(r => r.name).join(', ')}; others: ${others.map(r => r.name).join(', ') || 'none'}`);
      const marks = new Map(receivers.map(r => [r, markOf(r)]));
      const totals = await aroundFault(t, 'frozen cannon', async sender => {
        faults.freeze(victim);
        try {
          await waitFor(`gundeck to drop the presences on the frozen ${victim.name} (bulk push timed out)`, async () => {
            const ps = await presencesOf(victims);
            return !ps.some(p => sameCannon(cannonOf(p.resource), victim.internal));
          }, LONG, 250);
          // The stall goes on past gundeck's first request to close those sockets (it times out after
          // Gundeck:BulkPushTimeoutMs, 5 s), so a retry after the thaw is what closes them. This is the
          // length of the fault, not a wait for an event. It stays under the clients' 20 s ping interval:
          // an unanswered ping makes the library close() the socket, and reconnecting-websocket 4.4 never
          // reconnects after close().
          await sleep(FROZEN_AFTER_TIMEOUT_MS);
        } finally {
          faults.thaw(victim);
        }
        for (const r of victims) {
          const close = await reconnectedAfter(r, marks.get(r), 'the timed-out bulk push');
          // Cannon closes them on gundeck's (retried) request once it runs again.
          assertClosedBy(t, r, close, { code: 1011, reason: 'missed-notifications' });
        }
        await sender.sentAtLeast(2, 'after the reconnects');
      });
      for (const r of others) assert.deepEqual(serverClosesSince(r, marks.get(r)), [], `${r.name} on the healthy cannon was not disturbed`);
      assert.ok(totals.caughtUp > 0 || victims.length === 0, 'the frozen cannon\'s clients caught up');
    });

    test('a cannon killed with SIGKILL: its clients reconnect through the edge to the other cannon and catch up, 0 missing', async t => {
      const where = await placement(receivers);
      const victim = pickVictim(where);
      const survivor = faults.cannons.find(c => c !== victim);
      const victims = receivers.filter(r => sameCannon(where.get(r), victim.internal));
      const others = receivers.filter(r => !victims.includes(r));
      t.diagnostic(`killed: ${victim.name} holds ${victims.map(r => r.name).join(', ')}; others: ${others.map(r => r.name).join(', ') || 'none'}`);
      assert.ok(victims.length > 0);
      const marks = new Map(receivers.map(r => [r, markOf(r)]));
      let killed = false;
      try {
        await aroundFault(t, 'killed cannon', async sender => {
          await faults.killCannon(victim);
          killed = true;
          await sender.sentAtLeast(2, 'after the kill');
          for (const r of victims) await reconnectedAfter(r, marks.get(r), `${victim.name} was killed`);
          const now = await placement(receivers);
          for (const r of victims) assert.ok(sameCannon(now.get(r), survivor.internal), `${r.name} is on ${survivor.name} now (${now.get(r)})`);
          await sender.sentAtLeast(2, 'after the reconnects');
        });
        for (const r of others) assert.deepEqual(serverClosesSince(r, marks.get(r)), [], `${r.name} on ${survivor.name} was not disturbed`);
      } finally {
        if (killed) await faults.restartCannon(victim);
      }

      // The restarted cannon takes sockets again and delivers to them (the backend is whole for later tests).
      const probe = victims[0];
      await waitFor(`a new socket of ${probe.name} to land on the restarted ${victim.name}`, async () => {
        await probe.goOffline();
        await probe.listen();
        return sameCannon((await placement([probe])).get(probe), victim.internal);
      }, LONG, 500);
      const sender = new Sender(alice, conversation.qualified_id, 'after restart');
      await sender.burst(1, 'probe');
      const inbox = inboxes.get(probe);
      await waitFor(`${probe.name} to get a message through the restarted ${victim.name}`, () => inbox.has(sender.sent), LONG);
      assert.equal(inbox.texts.get(sender.sent[0]), 'websocket', `the restarted ${victim.name} delivered it live`);
    });

    function pickVictim(where) {
      // The cannon holding most of the receivers' sockets (so the fault hits someone).
      let best;
      for (const c of faults.cannons) {
        const n = receivers.filter(r => sameCannon(where.get(r), c.internal)).length;
        if (!best || n > best.n) best = { c, n };
      }
      return best.c;
    }
  });
}
