'use strict';
// Where the backend under test is; run.sh exports these. Defaults fit a locally started all-in-one server.
const REST = process.env.WIREEDGE_E2E_REST || 'http://127.0.0.1:8080';
const WS = process.env.WIREEDGE_E2E_WS || REST.replace(/^http/, 'ws');
// Internal listener of the process that serves gundeck's /i/presences (all-in-one: the one process).
const GUNDECK_INTERNAL = process.env.WIREEDGE_E2E_GUNDECK_INTERNAL || 'http://127.0.0.1:8085';
// How many cannon processes the topology runs (distributed: 2; websockets must spread over all of them).
const CANNONS = Number(process.env.WIREEDGE_E2E_CANNONS || '1');
// Access-token lifetime the backend was started with (seconds); the refresh test waits it out.
const ACCESS_TTL = Number(process.env.WIREEDGE_E2E_ACCESS_TTL || '0');
const TOPOLOGY = process.env.WIREEDGE_E2E_TOPOLOGY || 'unknown';
// Append-only file where every request the official library sends is recorded (method, path, status).
const ENDPOINT_LOG = process.env.WIREEDGE_E2E_ENDPOINT_LOG || '';

module.exports = { REST, WS, GUNDECK_INTERNAL, CANNONS, ACCESS_TTL, TOPOLOGY, ENDPOINT_LOG };
