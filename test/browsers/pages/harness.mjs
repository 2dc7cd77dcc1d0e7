// What every browser test page shares: it runs in the page (plain browser ESM, served by
// conformance/server.mjs under /static/), collects what the page saw, renders it for the
// screenshot and publishes it as window.__result for the driver (test/browsers/lib/engines.mjs).
//
// Query parameters every page understands:
//   refused=<port>   a port on 127.0.0.1 where nothing listens (the connection-refused check)
//   label=<text>     what the screenshot's heading says this page is
import { runChecks } from '../../../conformance/checks.mjs';

export const params = new URLSearchParams(location.search);
export const wsUrl = 'ws://' + location.host;

const errors = [];
const violations = [];
addEventListener('error', (e) => errors.push(String(e.message || e)));
addEventListener('unhandledrejection', (e) => errors.push('unhandled rejection: ' + String(e.reason && (e.reason.stack || e.reason))));
document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective + ' ' + e.blockedURI));

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The server's record of connection `id`, once it ended. */
export async function fetchLog(id) {
  const res = await fetch('/log/' + encodeURIComponent(id) + '?wait=1', { cache: 'no-store' });
  return res.json();
}

export const refusedUrl = params.get('refused') ? 'ws://127.0.0.1:' + params.get('refused') + '/' : undefined;

/** Whether `fn` is one of the engine's own functions (not script). */
export function isNativeFunction(fn) {
  return typeof fn === 'function' && /\{\s*\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(fn));
}

/** The conformance check list (conformance/checks.mjs) against `WebSocket`. */
export function runSuite(WebSocket, mode, only) {
  return runChecks({ WebSocket, wsUrl, fetchLog, mode, timeoutMs: 5000, refusedUrl, only });
}

// --- the page's report ------------------------------------------------------------------

function el(tag, text, style) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  // Styles through the CSSOM: allowed under a CSP without 'unsafe-inline'.
  if (style) for (const k of Object.keys(style)) e.style[k] = style[k];
  return e;
}

function render(result) {
  const body = document.body;
  body.textContent = '';
  body.style.fontFamily = 'sans-serif';
  body.style.fontSize = '12px';
  body.style.margin = '8px';
  const rows = (result.items || []).concat(result.results || []);
  const failed = rows.filter((r) => !r.pass);
  const ok = !result.error && failed.length === 0;
  body.appendChild(el('h1', (ok ? 'PASS ' : 'FAIL ') + result.label, { fontSize: '16px', color: ok ? '#060' : '#b00', margin: '0 0 4px' }));
  body.appendChild(el('div', navigator.userAgent, { color: '#555' }));
  body.appendChild(
    el('div', (rows.length - failed.length) + ' passed, ' + failed.length + ' failed' + (result.mode ? ' (expectations: ' + result.mode + ' mode)' : ''), {
      fontWeight: 'bold',
      margin: '4px 0'
    })
  );
  if (result.error) body.appendChild(el('pre', 'error: ' + result.error, { color: '#b00' }));
  for (const v of result.violations) body.appendChild(el('div', 'CSP violation: ' + v, { color: '#b00' }));
  for (const e of result.errors) body.appendChild(el('div', 'page error: ' + e, { color: '#a60' }));
  const table = el('table', undefined, { borderCollapse: 'collapse', width: '100%' });
  const head = el('tr');
  for (const h of ['', 'check', 'expected', 'actual']) head.appendChild(el('th', h, { textAlign: 'left', borderBottom: '1px solid #999' }));
  table.appendChild(head);
  // Failures first: they are what a person looks for.
  for (const r of failed.concat(rows.filter((x) => x.pass))) {
    const tr = el('tr', undefined, { background: r.pass ? '' : '#fdd' });
    tr.appendChild(el('td', r.pass ? '✓' : '✗', { color: r.pass ? '#060' : '#b00' }));
    tr.appendChild(el('td', r.id || r.name));
    tr.appendChild(el('td', r.expected === undefined ? '' : String(r.expected), { color: '#555' }));
    tr.appendChild(el('td', r.pass ? '' : String(r.actual === undefined ? r.detail || '' : r.actual)));
    table.appendChild(tr);
  }
  body.appendChild(table);
}

/**
 * Publishes the page's result: `results` (the check list's rows, for a check-list run) and/or
 * `items` (the page's own assertions: [{ name, pass, expected, actual }]).
 */
export function finish(result) {
  const full = Object.assign({ label: params.get('label') || document.title, error: null }, result, {
    errors: errors.slice(),
    violations: violations.slice(),
    // Every resource the page loaded (scripts, modules, fetches): all must be on 127.0.0.1.
    // (QtWebKit 5.212 has no Resource Timing: its driver refuses and reports non-loopback loads.)
    resources: (typeof performance !== 'undefined' && performance.getEntriesByType ? performance.getEntriesByType('resource').map((e) => e.name) : []).concat([location.href]),
    userAgent: navigator.userAgent
  });
  try {
    render(full);
  } catch (e) {
    full.errors.push('render: ' + e);
  }
  window.__result = full;
}

/** Runs `body` (async) and publishes what it returned, or the exception it threw. */
export async function page(body) {
  try {
    finish(await body());
  } catch (e) {
    finish({ items: [], error: String((e && e.stack) || e) });
  }
}

/** A list of named assertions: add(name, actual, expected) compares with ===/JSON. */
export function assertions() {
  const items = [];
  return {
    items,
    add(name, actual, expected) {
      const a = typeof actual === 'string' ? actual : JSON.stringify(actual);
      const x = typeof expected === 'string' ? expected : JSON.stringify(expected);
      items.push({ name, expected: x, actual: a, pass: a === x });
    }
  };
}
