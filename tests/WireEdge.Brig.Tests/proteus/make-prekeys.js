'use strict';
// Prints {"lastkey":{id,key},"prekeys":[{id,key}...]} made by the official Proteus library,
// exactly as a Wire client sends them in POST /clients. Usage: node make-prekeys.js [count]
const Proteus = require('@wireapp/proteus');

async function main() {
  const count = Number.parseInt(process.argv[2] || '10', 10);
  await Proteus.init();
  const identity = new Proteus.keys.IdentityKeyPair();
  const bundle = (prekey) => new Proteus.keys.PreKeyBundle(identity.public_key, prekey).serialised_json();
  const prekeys = Proteus.keys.PreKey.generate_prekeys(0, count).map(bundle);
  const lastkey = bundle(Proteus.keys.PreKey.last_resort());
  process.stdout.write(JSON.stringify({ lastkey, prekeys }) + '\n');
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
  process.exit(1);
});
