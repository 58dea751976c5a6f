'use strict';
// Records every request the official client library sends (HTTP through its axios instance, and the
// websocket URL it builds), so the suite can list the endpoints the library really used.
const fs = require('node:fs');
const path = require('node:path');
const { ENDPOINT_LOG } = require('./env');

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Turns a concrete path into a template: ids become {id}, client ids {client}, the domain {domain}. */
function template(method, rawUrl, domain) {
  const url = new URL(rawUrl, 'http://x');
  let path = url.pathname.replace(UUID, '{id}');
  if (domain) path = path.split('/').map(s => (s === domain ? '{domain}' : s)).join('/');
  path = path
    .replace(/\/clients\/[0-9a-f]{1,16}(?=\/|$)/, '/clients/{client}')
    .replace(/\/assets\/\{domain\}\/[A-Za-z0-9{}-]+$/, '/assets/{domain}/{key}');
  const params = [...new Set([...url.searchParams.keys()])].sort();
  return `${method.toUpperCase()} ${path}${params.length ? '?' + params.map(p => p + '=').join('&') : ''}`;
}

function record(line) {
  if (ENDPOINT_LOG) fs.appendFileSync(ENDPOINT_LOG, line + '\n');
}

/** Free-form trace next to the endpoint log (websocket closes and reconnects). */
function trace(line) {
  if (ENDPOINT_LOG) fs.appendFileSync(path.join(path.dirname(ENDPOINT_LOG), 'websocket.log'), line + '\n');
}

/** Hooks an APIClient: axios request/response interceptors and the websocket URL builder. */
function attach(apiClient, getDomain, sink = []) {
  const axiosInstance = apiClient.transport.http.client;
  const note = (config, status) => {
    // getUri resolves baseURL + url + params exactly as the request went out.
    const line = template(config.method || 'get', axiosInstance.getUri(config), getDomain());
    const headers = config.headers || {};
    const encoding = typeof headers.get === 'function' ? headers.get('Content-Encoding') : headers['Content-Encoding'];
    sink.push({ endpoint: line, status, gzip: encoding === 'gzip' });
    record(`${line} -> ${status}`);
  };
  axiosInstance.interceptors.response.use(
    response => { note(response.config, response.status); return response; },
    error => { if (error.config) note(error.config, error.response ? error.response.status : 'network-error'); return Promise.reject(error); },
  );
  const ws = apiClient.transport.ws;
  const build = ws.buildWebSocketUrl.bind(ws);
  ws.buildWebSocketUrl = () => {
    const url = build();
    record(`${template('GET', url, getDomain())} (websocket upgrade)`);
    trace(`${new Date().toISOString()} connecting ${url.replace(/access_token=[^&]*/, 'access_token=…')}`);
    return url;
  };
}

module.exports = { attach, template, record, trace };
