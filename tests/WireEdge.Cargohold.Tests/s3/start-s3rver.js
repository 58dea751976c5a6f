'use strict';
// Usage: node start-s3rver.js <port> <directory>; prints "ready <port>" once listening.
const S3rver = require('s3rver');
const [port, directory] = process.argv.slice(2);
const server = new S3rver({ port: Number(port), address: '127.0.0.1', directory, silent: true, configureBuckets: [{ name: 'assets' }] });
server.run().then(() => console.log(`ready ${port}`)).catch((e) => { console.error(e); process.exit(1); });
process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
