'use strict';
// A real Proteus device (@wireapp/proteus): identity key pair, prekeys, last-resort key, sessions.
const Proteus = require('@wireapp/proteus');

let ready;
function initProteus() {
  ready = ready || Proteus.init();
  return ready;
}

const toArrayBuffer = bytes => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);

class ProteusDevice {
  constructor(prekeyCount = 10) {
    this.identity = new Proteus.keys.IdentityKeyPair();
    this.prekeys = Proteus.keys.PreKey.generate_prekeys(0, prekeyCount);
    this.lastResort = Proteus.keys.PreKey.last_resort();
    this.sessions = new Map(); // "<userId>@<clientId>" -> Session
    const keys = new Map([...this.prekeys, this.lastResort].map(k => [k.key_id, k]));
    this.prekeyStore = {
      load_prekey: async id => keys.get(id),
      // the last-resort key is never deleted (Proteus asks only for one-time keys)
      delete_prekey: async id => { keys.delete(id); return id; },
    };
  }

  /** The bundle JSON `{id, key}` (key = base64 CBOR PreKeyBundle) as core uploads it. */
  bundle(prekey) {
    return new Proteus.keys.PreKeyBundle(this.identity.public_key, prekey).serialised_json();
  }

  /** The body of POST /clients exactly as core builds it for a permanent desktop client. */
  newClientPayload(label, extra = {}) {
    return {
      class: 'desktop',
      cookie: 'webapp@e2e',
      label,
      model: 'WireEdge e2e (Node)',
      type: 'permanent',
      capabilities: ['legalhold-implicit-consent'],
      lastkey: this.bundle(this.lastResort),
      prekeys: this.prekeys.map(p => this.bundle(p)),
      ...extra,
    };
  }

  hasSession(userId, clientId) {
    return this.sessions.has(`${userId}@${clientId}`);
  }

  /** Starts a session from a claimed prekey `{id, key}` (as returned by list-prekeys). */
  initSession(userId, clientId, prekey) {
    const bundle = Proteus.keys.PreKeyBundle.deserialise(toArrayBuffer(Buffer.from(prekey.key, 'base64')));
    this.sessions.set(`${userId}@${clientId}`, Proteus.session.Session.init_from_prekey(this.identity, bundle));
  }

  /** Encrypts for one remote client; returns the ciphertext bytes (a serialised Envelope). */
  encrypt(userId, clientId, plaintext) {
    const session = this.sessions.get(`${userId}@${clientId}`);
    if (!session) throw new Error(`no Proteus session with ${userId}@${clientId}`);
    const envelope = Proteus.session.Session.encrypt(session, Buffer.from(plaintext, 'utf8'));
    return new Uint8Array(envelope.serialise());
  }

  /** Decrypts `data.text` (base64) of a conversation.otr-message-add event from userId's client. */
  async decrypt(userId, clientId, base64Text) {
    const envelope = Proteus.message.Envelope.deserialise(toArrayBuffer(Buffer.from(base64Text, 'base64')));
    const key = `${userId}@${clientId}`;
    const session = this.sessions.get(key);
    if (session) return Buffer.from(await session.decrypt(this.prekeyStore, envelope)).toString('utf8');
    const [created, plain] = await Proteus.session.Session.init_from_message(this.identity, this.prekeyStore, envelope);
    this.sessions.set(key, created);
    return Buffer.from(plain).toString('utf8');
  }
}

module.exports = { ProteusDevice, initProteus };
