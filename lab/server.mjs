// The lab server: the test WebSocket server (conformance/server.mjs) and a static server for
// the lab page, both on `host`, under a strict Content-Security-Policy.
//
//   const lab = await startLab({ host, port, timeoutMs, reportsDir, onReport })
//   lab.url, lab.port, lab.wsPort, lab.reports (files written), await lab.close()
//
// Routes (static server):
//   GET  /                       the lab page (lab/page/index.html)
//   GET  /<file>.js|.css         lab/page/, checks.js from lab/build/, the UMD from dist/
//   GET  /config.js              the page's settings (ports, timeout, shim version)
//   GET  /log/<id>?wait=1        the test server's record of a connection (same origin)
//   POST /report                 a report (lab/report-schema.json): validated, kept under
//                                reports/, summarized in one line (onReport)
//   GET  /docs/<name>.html       docs/<name>.md rendered, an anchor per detect() name
import { createServer } from 'node:http';
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, closedPort } from '../conformance/server.mjs';
import { validateReport } from './validate.mjs';
import { docsPage } from './docs-html.mjs';

export { closedPort };

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { summaryLine } = require('./page/report.js');

const PAGE = join(root, 'lab', 'page');
const FILES = {
  '/': [join(PAGE, 'index.html'), 'text/html; charset=utf-8'],
  '/index.html': [join(PAGE, 'index.html'), 'text/html; charset=utf-8'],
  '/hooks.js': [join(PAGE, 'hooks.js')],
  '/report.js': [join(PAGE, 'report.js')],
  '/detect.js': [join(PAGE, 'detect.js')],
  '/lab.js': [join(PAGE, 'lab.js')],
  '/lab.css': [join(PAGE, 'lab.css'), 'text/css; charset=utf-8'],
  '/docs.css': [join(PAGE, 'docs.css'), 'text/css; charset=utf-8'],
  '/checks.js': [join(root, 'lab', 'build', 'checks.js')],
  '/websocket-shim.umd.min.js': [join(root, 'dist', 'websocket-shim.umd.min.js')]
};
const JS = 'text/javascript; charset=utf-8';
const MAX_REPORT = 1024 * 1024;

/**
 * script-src 'self' and nothing inline. connect-src allows the ws: and wss: schemes, any host:
 * the checks open sockets to hosts the page cannot know (ws://foo bar/, a closed port, wss:),
 * and an engine that enforces CSP 1.0 (QtWebKit) throws SecurityError from the constructor for
 * a blocked one, which would hide what its WebSocket does.
 */
export function csp() {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self' ws: wss:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'"
  ].join('; ');
}

function slugOf(report) {
  const name = report.engine || report.userAgent.replace(/^Mozilla\/[\d.]+ \([^)]*\) /, '');
  return name.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'engine';
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_REPORT) {
        reject(new Error('report larger than 1 MiB'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res, status, body, type, extra = {}) {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...extra
  });
  res.end(body);
}

/** POST /report: validated (lab/report-schema.json), kept under reportsDir, summarized. */
async function storeReport(ctx, req, res) {
  let report;
  try {
    report = JSON.parse(await readBody(req));
  } catch (e) {
    return send(res, 400, JSON.stringify({ error: 'not JSON: ' + e.message }), 'application/json');
  }
  const problems = validateReport(report);
  if (problems.length) return send(res, 400, JSON.stringify({ error: 'invalid report', problems: problems.slice(0, 20) }), 'application/json');
  await mkdir(ctx.reportsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(ctx.reportsDir, `${stamp}-${ctx.reports.length + 1}-${slugOf(report)}.json`);
  await writeFile(file, JSON.stringify(report, null, 2) + '\n');
  const shown = relative(root, file).startsWith('..') ? file : relative(root, file);
  ctx.reports.push(file);
  ctx.onReport(summaryLine(report), shown, report);
  send(res, 200, JSON.stringify({ file: shown }), 'application/json');
}

/** The static server's routes (see the top of this file). */
function handler(ctx) {
  return async (req, res) => {
    const url = new URL(req.url, 'http://lab.invalid');
    const policy = { 'content-security-policy': csp() };
    try {
      if (req.method === 'POST' && url.pathname === '/report') return await storeReport(ctx, req, res);
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '', 'text/plain');
      const log = /^\/log\/([^/]+)$/.exec(url.pathname);
      if (log) {
        const rec = await ctx.ws.log(decodeURIComponent(log[1]), url.searchParams.get('wait') === '1');
        return send(res, 200, JSON.stringify(rec), 'application/json');
      }
      if (url.pathname === '/favicon.ico') return send(res, 204, '', 'image/x-icon', policy);
      if (url.pathname === '/config.js') return send(res, 200, 'window.WSLabConfig = ' + JSON.stringify(ctx.config) + ';\n', JS, policy);
      const doc = /^\/docs\/([a-z0-9-]+)\.html$/.exec(url.pathname);
      if (doc) {
        const html = docsPage(join(root, 'docs', doc[1] + '.md'), `websocket-shim: docs/${doc[1]}.md`);
        if (html) return send(res, 200, html, 'text/html; charset=utf-8', policy);
        return send(res, 404, `docs/${doc[1]}.md is not in this checkout`, 'text/plain; charset=utf-8', policy);
      }
      const entry = FILES[url.pathname];
      if (!entry) return send(res, 404, 'not found', 'text/plain', policy);
      return send(res, 200, await readFile(entry[0]), entry[1] || JS, policy);
    } catch (e) {
      if (!res.headersSent) send(res, 500, String(e && e.message), 'text/plain');
    }
  };
}

export async function startLab({ host = '127.0.0.1', port = 0, timeoutMs = 5000, reportsDir = join(root, 'reports'), onReport = () => {} } = {}) {
  const ws = await startServer({ host, port: 0 });
  const refusedPort = await closedPort(host === '0.0.0.0' ? '127.0.0.1' : host);
  const config = {
    wsPort: ws.port,
    refusedPort,
    timeoutMs,
    shimVersion: require('../dist/websocket-shim.node.cjs').version,
    docs: '/docs/detect.html',
    umd: 'websocket-shim.umd.min.js',
    reportUrl: '/report'
  };
  const reports = [];
  const http = createServer(handler({ ws, config, reports, reportsDir, onReport }));
  // The relative-URL check opens ws://<this server>/rel: no upgrade here, the socket just ends.
  http.on('upgrade', (req, socket) => socket.destroy());

  await new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => {
      http.removeListener('error', reject);
      resolve();
    });
  });
  const actual = http.address().port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    host,
    port: actual,
    wsPort: ws.port,
    refusedPort,
    url: `http://${shownHost}:${actual}/`,
    reports,
    async close() {
      http.closeAllConnections?.();
      await new Promise((resolve) => http.close(() => resolve()));
      await ws.close();
    }
  };
}
