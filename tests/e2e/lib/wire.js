'use strict';
// One simulated Wire user = one instance of the official client library (@wireapp/api-client), with
// the flows @wireapp/core would run on top of it (core itself cannot be installed; CLIENT-CONTRACT §8).
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const WebSocket = require('ws');
const { REST, WS } = require('./env');
const recorder = require('./recorder');
const { ProteusDevice, initProteus } = require('./device');

const LIB_DIR = fs.realpathSync(path.join(__dirname, '..', 'node_modules', '@wireapp', 'api-client'));

/**
 * A fresh copy of the library: its cookie store is a process-wide static (CLIENT-CONTRACT §3), so every
 * simulated user gets its own module instance, as every browser tab has its own.
 */
function freshLibrary() {
  for (const key of Object.keys(require.cache)) {
    if (key.startsWith(LIB_DIR + path.sep)) delete require.cache[key];
  }
  const main = require(LIB_DIR);
  // Already loaded by `main`, so these are the same instances the new APIClient uses.
  const { CookieStore } = require(path.join(LIB_DIR, 'lib', 'auth', 'CookieStore'));
  const { WebSocketClient } = require(path.join(LIB_DIR, 'lib', 'tcp'));
  const { ClientType } = require(path.join(LIB_DIR, 'lib', 'client'));
  const { ReconnectingWebsocket } = require(path.join(LIB_DIR, 'lib', 'tcp', 'ReconnectingWebsocket'));
  ReconnectingWebsocket.RECONNECTING_OPTIONS.WebSocket = BrowserLikeWebSocket;
  return { APIClient: main.APIClient, CookieStore, WebSocketClient, ClientType };
}

/**
 * The library's websocket in Node is `ws`. When its 4 s connect timeout fires, reconnecting-websocket
 * removes its listeners and closes the still-connecting socket; `ws` then emits an 'error' nobody listens
 * to, which crashes the process (a browser WebSocket does not throw there). This keeps one listener on
 * every socket, so the library's own retry carries on as in a browser, and traces the event.
 */
class BrowserLikeWebSocket extends WebSocket {
  constructor(...args) {
    super(...args);
    this.on('error', error => recorder.trace(`${new Date().toISOString()} websocket error: ${error.message}`));
  }
}

const live = new Set();
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function waitFor(what, predicate, timeoutMs = 15000, stepMs = 50) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(stepMs);
  }
}

function uniqueEmail(prefix) {
  return `${prefix}-${crypto.randomBytes(6).toString('hex')}@e2e.wire.example.com`;
}

class WireUser {
  constructor(name) {
    this.name = name;
    this.lib = freshLibrary();
    this.client = new this.lib.APIClient({ urls: { name: 'wireedge', rest: REST, ws: WS } });
    this.requests = []; // {endpoint, status, gzip} of every HTTP request this user's library sent
    recorder.attach(this.client, () => this.client.backendFeatures.domain, this.requests);
    this.notifications = []; // every notification this client handled: {id, payload, transient?, via}
    this.lastNotificationId = undefined;
    this.catchUps = [];
    this.closes = []; // every close of this user's websocket: {code, reason, at}
    this.device = undefined;
    live.add(this);
  }

  get api() { return this.client.api; }
  get userId() { return this.client.context?.userId; }
  get clientId() { return this.client.context?.clientId; }
  get domain() { return this.client.backendFeatures.domain; }
  get qualifiedId() { return { id: this.userId, domain: this.domain }; }

  /** GET /api-version as the web app does: [MINIMUM_API_VERSION, MAX_API_VERSION] with max 11. */
  async negotiate(min = 1, max = 11) {
    return this.client.useVersion(min, max);
  }

  static async register(name, password = 'correct horse battery staple') {
    const user = new WireUser(name);
    await user.negotiate();
    user.email = uniqueEmail(name.toLowerCase());
    user.password = password;
    // ClientType.PERMANENT: register → GET /self (401) → POST /access → retry → POST /access
    user.context = await user.client.register(
      { name, email: user.email, password, locale: 'en', accent_id: 1 },
      user.lib.ClientType.PERMANENT,
    );
    return user;
  }

  static async login(email, password, name = 'login') {
    const user = new WireUser(name);
    await user.negotiate();
    user.email = email;
    user.password = password;
    user.context = await user.client.login({ email, password, clientType: user.lib.ClientType.PERMANENT });
    return user;
  }

  /** Core's client registration: POST /clients, bind the session to it, remember /notifications/last. */
  async registerDevice(label = `${this.name}'s desktop`, extra = {}) {
    await initProteus();
    const device = new ProteusDevice();
    this.registered = await this.api.client.postClient(device.newClientPayload(label, extra));
    this.device = device;
    this.client.context.clientId = this.registered.id;
    await this.client.transport.http.associateClientWithSession(this.registered.id);
    const last = await this.api.notification.getLastNotification(this.registered.id);
    this.lastNotificationId = last.id;
    return this.registered;
  }

  handle(notification, via) {
    this.notifications.push({ ...notification, via });
    if (!notification.transient) this.lastNotificationId = notification.id;
  }

  /**
   * Core's legacy websocket flow: lock the socket (frames are buffered), connect to /await, and on every
   * open fetch GET /notifications?since=<last id> (following has_more), handle it, then unlock.
   */
  async listen() {
    const ws = this.client.transport.ws;
    const { WebSocketClient } = this.lib;
    if (!this.listening) {
      ws.on(WebSocketClient.TOPIC.ON_MESSAGE, n => this.handle(n, 'websocket'));
      this.listening = true;
    }
    const before = this.catchUps.length;
    ws.lock();
    this.client.connect(async abortController => {
      const since = this.lastNotificationId;
      try {
        const result = await this.api.notification.getAllNotifications(this.clientId, since, abortController);
        for (const n of result.notifications) this.handle(n, 'catch-up');
        this.catchUps.push({ since, ...result, at: Date.now() });
        ws.unlock();
      } catch (error) {
        this.catchUps.push({ since, error, at: Date.now() });
        // Unlocking now would let live frames advance `since` past what the catch-up failed to fetch:
        // stay locked and open a new socket, whose open runs the catch-up again.
        if (ws.socket.getState() === 1) ws.socket.socket?.reconnect();
      }
    });
    // Keep a trace of every close (code, reason): unexpected reconnects show up in .logs/<topology>/websocket.log.
    const rws = ws.socket;
    const onClose = rws.onClose;
    rws.setOnClose(event => {
      recorder.trace(`${new Date().toISOString()} ${this.name} (${this.userId}/${this.clientId}) websocket closed: ${event?.code} ${event?.reason || ''}`);
      this.closes.push({ code: event?.code, reason: event?.reason || '', at: Date.now() });
      // Core locks before every (re)connect: frames of the next socket wait until its catch-up is handled,
      // or a live frame would advance `since` past notifications the catch-up has not fetched yet.
      ws.lock();
      onClose(event);
    });
    await waitFor(`${this.name}'s websocket catch-up`, () => this.catchUps.length > before, 20000);
    const latest = this.catchUps[this.catchUps.length - 1];
    if (latest.error) throw latest.error;
    return latest;
  }

  /** Closes the websocket (as the app does on logout or when going offline) and waits until it is closed. */
  async goOffline() {
    const ws = this.client.transport.ws;
    ws.disconnect('Closed by e2e test');
    await waitFor(`${this.name}'s websocket to close`, () => ws.socket.getState() === 3, 10000);
  }

  socketOpen() {
    return this.client.transport.ws.socket.getState() === 1;
  }

  received(predicate) {
    return this.notifications.find(n => predicate(n));
  }

  async waitForEvent(what, predicate, timeoutMs = 15000) {
    return waitFor(`${this.name} to receive ${what}`, () =>
      this.notifications.find(n => (n.payload || []).some(e => predicate(e, n))), timeoutMs);
  }

  /** Decrypts a conversation.otr-message-add event addressed to this client. */
  async decrypt(event) {
    return this.device.decrypt(event.from, event.data.sender, event.data.text);
  }

  async close() {
    live.delete(this);
    const ws = this.client.transport.ws;
    // Closing a socket that is still connecting makes `ws` throw outside any handler: let it open first.
    await waitFor('the socket to leave CONNECTING', () => !ws.socket || ws.socket.getState() !== 0, 10000).catch(() => {});
    try { ws.disconnect('Closed by e2e test'); } catch { /* already closed */ }
  }

  static async closeAll() {
    await Promise.all([...live].map(user => user.close()));
  }
}

module.exports = { WireUser, waitFor, sleep, uniqueEmail, freshLibrary };
