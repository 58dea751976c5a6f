// Independent Ed25519 implementation for interop tests: Node's built-in crypto (OpenSSL).
// Reads a JSON array of requests on stdin, writes a JSON array of results on stdout.
//   {"op":"keygen"}                        -> {"public": b64url, "secret": b64url (libsodium 64-byte form)}
//   {"op":"sign","secret":k,"data":text}   -> {"token": "<sig>.<text>"}   (sig = base64url WITH padding)
//   {"op":"verify","public":k,"token":t}   -> {"valid": bool}              (over the raw bytes after the first '.')
import crypto from 'node:crypto';

const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

const pad = (s) => s + '='.repeat((4 - (s.length % 4)) % 4);
const b64url = (buf) => pad(buf.toString('base64url'));
const unb64url = (s) => Buffer.from(s, 'base64url');

function privateKey(secretB64) {
  const secret = unb64url(secretB64);
  if (secret.length !== 64) throw new Error('secret key must be 64 bytes');
  return crypto.createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, secret.subarray(0, 32)]), format: 'der', type: 'pkcs8' });
}

function publicKey(publicB64) {
  const pub = unb64url(publicB64);
  if (pub.length !== 32) throw new Error('public key must be 32 bytes');
  return crypto.createPublicKey({ key: Buffer.concat([SPKI_ED25519, pub]), format: 'der', type: 'spki' });
}

function handle(req) {
  switch (req.op) {
    case 'keygen': {
      const { publicKey: pk, privateKey: sk } = crypto.generateKeyPairSync('ed25519');
      const jwk = sk.export({ format: 'jwk' });
      const seed = unb64url(jwk.d);
      const pub = unb64url(pk.export({ format: 'jwk' }).x);
      return { public: b64url(pub), secret: b64url(Buffer.concat([seed, pub])) };
    }
    case 'sign': {
      const sig = crypto.sign(null, Buffer.from(req.data, 'utf8'), privateKey(req.secret));
      return { token: `${b64url(sig)}.${req.data}` };
    }
    case 'verify': {
      const dot = req.token.indexOf('.');
      if (dot < 0) return { valid: false };
      const sig = unb64url(req.token.slice(0, dot));
      const data = Buffer.from(req.token.slice(dot + 1), 'utf8');
      return { valid: sig.length === 64 && crypto.verify(null, data, publicKey(req.public), sig) };
    }
    default:
      throw new Error(`unknown op ${req.op}`);
  }
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  process.stdout.write(JSON.stringify(JSON.parse(input).map(handle)));
});
