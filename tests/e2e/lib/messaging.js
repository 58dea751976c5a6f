'use strict';
// Core's Proteus send flow, reproduced: list-clients → list-prekeys → encrypt → protobuf
// QualifiedNewOtrMessage via the library's postOTRMessage → on 412, encrypt for `missing` and resend.
const Long = require('long');
const { parse: parseUuid } = require('uuid');
const { proteus } = require('@wireapp/protocol-messaging/web/otr');

/** All clients of the conversation's members except the sender's own client: {domain:{user:[client]}}. */
async function conversationRecipients(sender, conversation) {
  const members = [conversation.members.self.qualified_id, ...conversation.members.others.map(m => m.qualified_id)];
  const { qualified_user_map: map } = await sender.api.user.postListClients({ qualified_users: members });
  const result = {};
  for (const [domain, users] of Object.entries(map)) {
    for (const [userId, clients] of Object.entries(users)) {
      const ids = clients.map(c => c.id).filter(id => !(userId === sender.userId && id === sender.clientId));
      if (ids.length) (result[domain] ||= {})[userId] = ids;
    }
  }
  return result;
}

function without(recipients, omit) {
  const result = {};
  for (const [domain, users] of Object.entries(recipients)) {
    for (const [userId, clients] of Object.entries(users)) {
      const kept = clients.filter(c => !omit.some(o => o.userId === userId && o.clientId === c));
      if (kept.length) (result[domain] ||= {})[userId] = kept;
    }
  }
  return result;
}

/** Claims prekeys for the clients we have no session with yet (POST /users/list-prekeys). */
async function ensureSessions(sender, recipients) {
  const need = {};
  for (const [domain, users] of Object.entries(recipients)) {
    for (const [userId, clients] of Object.entries(users)) {
      const missing = clients.filter(c => !sender.device.hasSession(userId, c));
      if (missing.length) (need[domain] ||= {})[userId] = missing;
    }
  }
  if (!Object.keys(need).length) return;
  const { qualified_user_client_prekeys: bundles } = await sender.api.user.postMultiPreKeyBundles(need);
  for (const [domain, users] of Object.entries(need)) {
    for (const [userId, clients] of Object.entries(users)) {
      for (const clientId of clients) {
        const prekey = bundles?.[domain]?.[userId]?.[clientId];
        if (!prekey) throw new Error(`no prekey returned for ${userId}@${clientId}`);
        sender.device.initSession(userId, clientId, prekey);
      }
    }
  }
}

/** Encrypts plaintext for every recipient client; `cache` keeps ciphertexts across resends (as core does). */
function encryptAll(sender, recipients, plaintext, cache) {
  const entries = [];
  for (const [domain, users] of Object.entries(recipients)) {
    const userEntries = [];
    for (const [userId, clients] of Object.entries(users)) {
      userEntries.push({
        user: { uuid: Uint8Array.from(parseUuid(userId)) },
        clients: clients.map(clientId => {
          const key = `${userId}@${clientId}`;
          if (!cache.has(key)) cache.set(key, sender.device.encrypt(userId, clientId, plaintext));
          return { client: { client: Long.fromString(clientId, 16) }, text: cache.get(key) };
        }),
      });
    }
    entries.push({ domain, entries: userEntries });
  }
  return entries;
}

function merge(into, more) {
  for (const [domain, users] of Object.entries(more || {})) {
    for (const [userId, clients] of Object.entries(users)) {
      const list = ((into[domain] ||= {})[userId] ||= []);
      for (const c of clients) if (!list.includes(c)) list.push(c);
    }
  }
  return into;
}

/** One POST …/proteus/messages through the library; a 412 comes back as {status:412, body}. */
async function post(sender, conversationId, recipients, plaintext, cache, strategy) {
  await ensureSessions(sender, recipients);
  const message = proteus.QualifiedNewOtrMessage.create({
    sender: { client: Long.fromString(sender.clientId, 16) },
    recipients: encryptAll(sender, recipients, plaintext, cache),
    nativePush: true,
    ...(strategy === 'ignore_all' ? { ignoreAll: {} } : { reportAll: {} }),
  });
  try {
    const body = await sender.api.conversation.postOTRMessage(conversationId.id, conversationId.domain, message);
    return { status: 201, body };
  } catch (error) {
    if (error?.response?.status === 412) return { status: 412, body: error.response.data };
    throw error;
  }
}

/**
 * Sends a text to a conversation like core: first attempt (optionally leaving clients out), then on 412
 * encrypts for the reported `missing` clients and resends. Returns every attempt.
 */
async function sendText(sender, conversationId, plaintext, { omit = [], strategy = 'report_all' } = {}) {
  const conversation = await sender.api.conversation.getConversation(conversationId);
  const all = await conversationRecipients(sender, conversation);
  let recipients = without(all, omit);
  const cache = new Map();
  const attempts = [];
  for (let i = 0; i < 3; i++) {
    const attempt = await post(sender, conversationId, recipients, plaintext, cache, strategy);
    attempts.push(attempt);
    if (attempt.status !== 412) break;
    recipients = merge(JSON.parse(JSON.stringify(recipients)), attempt.body.missing);
  }
  return { attempts, recipients: all };
}

module.exports = { sendText, conversationRecipients };
