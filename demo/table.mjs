// `npm start` (after `npm run build`): the conformance checks (conformance/checks.mjs) run
// against this runtime's own WebSocket and against the shim wrapping it, side by side.
//
//   native          the global WebSocket (Node 22+, or Node 20/21 with --experimental-websocket),
//                   else the `ws` package's class used directly; judged against 'standard'
//   shim strict     createWebSocketClass({ mode: 'strict', native })   judged against 'strict'
//   shim standard   createWebSocketClass({ mode: 'standard', native }) judged against 'standard'
//
// Everything stays on 127.0.0.1. Exit code 0 when both shim columns pass every check.
import { createRequire } from 'node:module';
import { startServer, closedPort } from '../conformance/server.mjs';
import { runChecks, CHECKS } from '../conformance/checks.mjs';

const require = createRequire(import.meta.url);
const shim = require('../dist/websocket-shim.node.cjs');

const WIDTH = 120;
const ID_W = 27;
const CELL_W = 28;

function nativeClass() {
  if (typeof globalThis.WebSocket === 'function') {
    return { ctor: globalThis.WebSocket, name: `global WebSocket (undici ${process.versions.undici || '?'})` };
  }
  const WS = require('ws');
  let version = '?';
  try {
    version = require('ws/package.json').version;
  } catch (e) {
    // not exported by this ws version
  }
  return { ctor: WS, name: `ws ${version} class used directly (no global WebSocket)` };
}

function fit(s, w) {
  const chars = Array.from(s);
  return chars.length <= w ? s + ' '.repeat(w - chars.length) : chars.slice(0, w - 1).join('') + '…';
}

function cell(r) {
  if (!r) return fit('-', CELL_W);
  return fit(r.pass ? '✓' : '✗ ' + r.actual, CELL_W);
}

function wrap(label, items) {
  const lines = [];
  let line = label;
  for (const item of items) {
    const add = (line === label ? '' : ', ') + item;
    if (line.length + add.length > WIDTH) {
      lines.push(line + ',');
      line = ' '.repeat(label.length) + item;
    } else line += add;
  }
  lines.push(line);
  return lines.join('\n');
}

async function main() {
  const server = await startServer({ host: '127.0.0.1' });
  const refusedUrl = `ws://127.0.0.1:${await closedPort()}/`;
  const native = nativeClass();
  const common = { wsUrl: server.url, fetchLog: (id) => server.log(id), timeoutMs: 3000, refusedUrl };
  const columns = [
    { title: 'native (vs standard)', WebSocket: native.ctor, mode: 'standard' },
    { title: 'shim strict', WebSocket: shim.createWebSocketClass({ mode: 'strict', native: native.ctor }), mode: 'strict' },
    { title: 'shim standard', WebSocket: shim.createWebSocketClass({ mode: 'standard', native: native.ctor }), mode: 'standard' }
  ];
  const started = Date.now();
  try {
    for (const col of columns) {
      const list = await runChecks({ ...common, WebSocket: col.WebSocket, mode: col.mode });
      col.byId = new Map(list.map((r) => [r.id, r]));
    }
  } finally {
    await server.close();
  }

  const sep = ' │ ';
  const out = [];
  out.push(`websocket-shim ${shim.version} conformance (SPEC.md §2–§3), ${CHECKS.length} checks, ${Date.now() - started} ms`);
  out.push(fit('check', ID_W) + columns.map((c) => sep + fit(c.title, CELL_W)).join(''));
  out.push('─'.repeat(ID_W) + columns.map(() => '─┼─' + '─'.repeat(CELL_W)).join(''));
  let section = null;
  for (const c of CHECKS) {
    // SPEC §3 rows stay in their group, marked: the only rows where the modes expect different things.
    if (!c.modeDependent && c.section !== section) {
      section = c.section;
      out.push(section);
    }
    const label = c.modeDependent ? c.id + ' §3' : c.id;
    out.push(fit(label, ID_W) + columns.map((col) => sep + cell(col.byId.get(c.id))).join(''));
  }
  out.push('─'.repeat(ID_W) + columns.map(() => '─┼─' + '─'.repeat(CELL_W)).join(''));
  out.push(
    fit('passed', ID_W) +
      columns
        .map((col) => {
          const list = [...col.byId.values()];
          return sep + fit(`${list.filter((r) => r.pass).length} / ${list.length}`, CELL_W);
        })
        .join('')
  );

  // What SPEC expects on the rows that failed somewhere (the cells show what was observed).
  const failing = CHECKS.filter((c) => columns.some((col) => col.byId.get(c.id) && !col.byId.get(c.id).pass));
  if (failing.length) {
    out.push('');
    out.push('SPEC expects, on the rows with a ✗ (standard; strict where it differs):');
    for (const c of failing) {
      const std = columns[0].byId.get(c.id).expected;
      const strict = columns[1].byId.get(c.id).expected;
      const text = std === strict ? std : `${std}  | strict: ${strict}`;
      out.push(fit(c.id, ID_W) + ' ' + fit(text, WIDTH - ID_W - 1));
    }
  }

  const report = shim.detect();
  out.push('');
  out.push(`Node ${process.version}${process.execArgv.length ? ' ' + process.execArgv.join(' ') : ''}; native: ${native.name}`);
  out.push(`detect(): native ${report.native}, backend ${report.backend}`);
  out.push(wrap('  quirks:          ', report.quirks.length ? report.quirks : ['none']));
  out.push(wrap('  normalizations:  ', report.normalizations));
  if (report.unsupported.length) out.push(wrap('  unsupported:     ', report.unsupported));
  out.push('(§3: a row where strict and standard expect different things; a ✗ cell shows what was observed)');
  console.log(out.map((line) => line.trimEnd()).join('\n'));

  const shimFailures = columns.slice(1).reduce((n, col) => n + [...col.byId.values()].filter((r) => !r.pass).length, 0);
  process.exitCode = shimFailures === 0 ? 0 : 1;
  // Sockets a broken engine left half-open must not keep the process alive.
  setTimeout(() => process.exit(), 2000).unref();
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
