// `npm start` (after `npm run build`): the Node table (demo/table.mjs), then the conformance lab
// — the test WebSocket server and the lab page's server — until Ctrl-C.
//
//   npm start                          on 127.0.0.1 (this machine only)
//   npm start -- --host 0.0.0.0        on every interface, so a TV, phone or kiosk on the LAN
//   npm start -- --lan                 can open it (the same)
//   npm start -- --port 9000           the page's port (default 8765; another free one if taken)
//   npm start -- --timeout 8000        per-check timeout in the page, ms (default 5000)
//   npm start -- --no-table            skip the Node table
import { spawn } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildChecks } from './build.mjs';
import { startLab, root } from './server.mjs';

const DEFAULT_PORT = 8765;

export function parseArgs(argv) {
  const opts = { host: '127.0.0.1', port: null, timeoutMs: 5000, table: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--lan') opts.host = '0.0.0.0';
    else if (a === '--host' || a.startsWith('--host=')) opts.host = value();
    else if (a === '--port' || a.startsWith('--port=')) opts.port = +value();
    else if (a === '--timeout' || a.startsWith('--timeout=')) opts.timeoutMs = +value();
    else if (a === '--no-table') opts.table = false;
    else throw new Error(`unknown option ${a} (--host <address>, --lan, --port <n>, --timeout <ms>, --no-table)`);
  }
  if (opts.port !== null && !(Number.isInteger(opts.port) && opts.port >= 0 && opts.port < 65536)) throw new Error('--port: 0–65535');
  if (!(opts.timeoutMs > 0)) throw new Error('--timeout: a positive number of ms');
  return opts;
}

/** This machine's non-loopback addresses (what a device on the LAN would type). */
export function lanAddresses() {
  const out = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list || []) if (!a.internal && (a.family === 'IPv4' || a.family === 4)) out.push(a.address);
  }
  return out;
}

function nodeTable() {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'demo', 'table.mjs')], { stdio: 'inherit' });
    child.on('close', (code) => resolve(code));
  });
}

async function listen(opts, onReport) {
  const common = { host: opts.host, timeoutMs: opts.timeoutMs, onReport };
  if (opts.port !== null) return startLab({ ...common, port: opts.port });
  try {
    return await startLab({ ...common, port: DEFAULT_PORT });
  } catch (e) {
    if (e.code !== 'EADDRINUSE') throw e;
    console.log(`(port ${DEFAULT_PORT} is taken: using another one)`);
    return startLab({ ...common, port: 0 });
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  buildChecks();
  if (opts.table) {
    const code = await nodeTable();
    if (code !== 0) console.log(`(the Node table exited with ${code}: a shim column failed a check, see above)`);
    console.log('');
  }
  const lab = await listen(opts, (line, file) => console.log(`report: ${line} → ${file}`));
  const wildcard = opts.host === '0.0.0.0' || opts.host === '::';
  console.log(`Conformance lab: ${lab.url}`);
  console.log(`  page on port ${lab.port}, test WebSocket server on port ${lab.wsPort}, bound to ${opts.host}`);
  if (wildcard || !/^127\.|^localhost$|^::1$/.test(opts.host)) {
    const urls = (wildcard ? lanAddresses() : [opts.host]).map((a) => `http://${a.includes(':') ? `[${a}]` : a}:${lab.port}/`);
    console.log(`  on the LAN: ${urls.join('  ') || '(this machine has no non-loopback address)'}`);
    console.log('WARNING: the lab is open to your network: anyone who can reach this machine can open the page,');
    console.log('  use the test WebSocket server (it echoes what it gets) and store reports here. Stop it when done.');
  }
  console.log('Open the URL in any browser (old ones too); the table fills in within seconds. Ctrl-C stops the servers.');

  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    await lab.close();
    console.log(`\nlab stopped (${signal}); ${lab.reports.length} report(s) this session`);
    process.exit(0);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e && e.message ? e.message : e);
    process.exit(2);
  });
}
