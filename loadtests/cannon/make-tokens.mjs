// Generates a zauth Ed25519 key pair (libsodium layout: secret = seed || public, base64url padded)
// and N access tokens for distinct (user, connection) pairs, in the format of
// auth-zauth/WireEdge.Zauth (signature over the bytes after the first '.'):
//   <base64url-padded sig>.v=1.k=1.d=<exp>.t=a.l=.u=<uuid>.i=<client>.c=<conn>
// Usage: node make-tokens.mjs OUT_DIR N [VALID_SECONDS]
// Writes OUT_DIR/secret.keys, OUT_DIR/public.keys (pass as Zauth:PrivateKeys / Zauth:PublicKeys)
// and OUT_DIR/targets.txt ("token client user" per line, for the measure harness).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const [outDir, nText, validText] = process.argv.slice(2);
const n = Number(nText ?? 1000);
const valid = Number(validText ?? 7200);
fs.mkdirSync(outDir, { recursive: true });

const pad = (b) => { const s = b.toString('base64url'); return s + '='.repeat((4 - (s.length % 4)) % 4); };
const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
const pub = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
fs.writeFileSync(path.join(outDir, 'secret.keys'), pad(Buffer.concat([seed, pub])) + '\n');
fs.writeFileSync(path.join(outDir, 'public.keys'), pad(pub) + '\n');

const exp = Math.floor(Date.now() / 1000) + valid;
const lines = [];
for (let i = 0; i < n; i++) {
  const user = crypto.randomUUID();
  const client = (0x1000 + i).toString(16);
  const conn = String(1 + i);
  const data = `v=1.k=1.d=${exp}.t=a.l=.u=${user}.i=${client}.c=${conn}`;
  const sig = crypto.sign(null, Buffer.from(data, 'ascii'), privateKey);
  lines.push(`${pad(sig)}.${data} ${client} ${user}`);
}
fs.writeFileSync(path.join(outDir, 'targets.txt'), lines.join('\n') + '\n');
console.log(`wrote ${n} targets to ${path.join(outDir, 'targets.txt')}`);
