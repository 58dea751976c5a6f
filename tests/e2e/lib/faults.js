'use strict';
// Fault injection for test/07-faults on the distributed topology: run.sh exports what it started
// (pids, argv, ports); this kills, freezes and restarts those processes. Every process started here
// is appended to WIREEDGE_E2E_SPAWNED_PIDS, so run.sh stops it at exit whatever the test did.
const fs = require('node:fs');
const path = require('node:path');
const { spawn, execFile } = require('node:child_process');
const axios = require('axios');
const { waitFor } = require('./wire');

const env = process.env;
const AVAILABLE = env.WIREEDGE_E2E_TOPOLOGY === 'distributed' && !!env.WIREEDGE_E2E_CANNON1_ARGV && !!env.WIREEDGE_E2E_REDIS_ARGV;

const cannons = AVAILABLE
  ? env.WIREEDGE_E2E_CANNON_PIDS.split(' ').map((pid, i) => ({
    name: `cannon${i + 1}`,
    pid: Number(pid),
    internal: env.WIREEDGE_E2E_CANNON_INTERNALS.split(' ')[i],
    argv: JSON.parse(env[`WIREEDGE_E2E_CANNON${i + 1}_ARGV`]),
  }))
  : [];
const redis = AVAILABLE
  ? { pid: Number(env.WIREEDGE_E2E_REDIS_PID), port: Number(env.WIREEDGE_E2E_REDIS_PORT), argv: JSON.parse(env.WIREEDGE_E2E_REDIS_ARGV) }
  : undefined;

function alive(pid) {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/** Starts argv detached (it outlives nothing: run.sh kills it by pid), logging to .logs/<topology>/<name>.log. */
function startProcess(name, argv) {
  const log = fs.openSync(path.join(env.WIREEDGE_E2E_LOGS, `${name}.log`), 'a');
  const child = spawn(argv[0], argv.slice(1), { cwd: env.WIREEDGE_E2E_WORKDIR, stdio: ['ignore', log, log], detached: true });
  fs.closeSync(log);
  child.unref();
  fs.appendFileSync(env.WIREEDGE_E2E_SPAWNED_PIDS, `${child.pid}\n`);
  return child.pid;
}

async function status(baseUrl) {
  try {
    return (await axios.get(`${baseUrl}/i/status`, { timeout: 5000, validateStatus: () => true })).status;
  } catch {
    return 0;
  }
}

/** SIGKILL: the process dies at once, its sockets are reset by the kernel, nothing is drained. */
async function killCannon(cannon) {
  process.kill(cannon.pid, 'SIGKILL');
  await waitFor(`${cannon.name} (pid ${cannon.pid}) to die`, () => !alive(cannon.pid), 30000);
}

/** Starts the cannon again with the same arguments (same ports) and waits until it is ready. */
async function restartCannon(cannon) {
  cannon.pid = startProcess(`${cannon.name}-restarted`, cannon.argv);
  await waitFor(`${cannon.name} to be ready again`, async () => {
    if (!alive(cannon.pid)) throw new Error(`${cannon.name} exited during restart (see ${cannon.name}-restarted.log)`);
    return (await status(cannon.internal)) === 200;
  }, 120000, 250);
}

/** SIGSTOP / SIGCONT: the process is alive (its ports accept connections) but answers nothing. */
function freeze(cannon) { process.kill(cannon.pid, 'SIGSTOP'); }
function thaw(cannon) { process.kill(cannon.pid, 'SIGCONT'); }

function redisCli(...args) {
  return new Promise(resolve => {
    execFile('redis-cli', ['-p', String(redis.port), ...args], { timeout: 5000 }, (error, stdout) => resolve(error ? undefined : stdout.trim()));
  });
}

/** Stops redis-server without saving (SHUTDOWN NOSAVE) and waits until the process is gone. */
async function stopRedis() {
  await redisCli('shutdown', 'nosave');
  await waitFor(`redis-server (pid ${redis.pid}) to exit`, () => !alive(redis.pid), 30000);
}

/** Starts redis-server again on the same port, with no persistence: it comes back empty. */
async function startRedis() {
  redis.pid = startProcess('redis-restarted', redis.argv);
  await waitFor('redis-server to answer PING', async () => {
    if (!alive(redis.pid)) throw new Error('redis-server exited during restart (see redis-restarted.log)');
    return (await redisCli('ping')) === 'PONG';
  }, 60000, 100);
}

async function redisKeyCount() {
  return Number(await redisCli('dbsize'));
}

module.exports = {
  AVAILABLE, cannons, redis, alive, status, killCannon, restartCannon, freeze, thaw, stopRedis, startRedis, redisKeyCount,
};
