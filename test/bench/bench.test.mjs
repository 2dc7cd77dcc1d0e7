// `npm run bench` (issue 13: "runs on a fresh clone"): the smoke run on every backend, and the
// benchmark's own guard, that a shim which loses or reorders data fails a trial rather than
// looking fast. No figure is judged here: benchmarks print figures, they are not timed tests.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { KINDS, SIZES, open, expectation, wireBytes, sendTrial, receiveTrial } from '../../bench/trials.mjs';
import { ENGINES, missing } from '../browsers/lib/engines.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const CI = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';

function node(args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], ...opts });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err, child }));
  });
}

/** The figures a backend's section printed: id → the row's cells. */
function sections(out) {
  const by = {};
  let current = null;
  for (const line of out.split('\n')) {
    const head = /^== (\w+)/.exec(line);
    if (head) {
      current = by[head[1]] = { rows: {}, skipped: null, count: null };
      continue;
    }
    if (!current) continue;
    const skip = /^\s+skipped: (.*)/.exec(line);
    if (skip) current.skipped = skip[1];
    const count = /^\s+(\d+) figures in/.exec(line);
    if (count) current.count = +count[1];
    const row = /^\s+\| ([^|]+?) \|(.*)$/.exec(line);
    if (row) current.rows[row[1].replace(/ \((strict|standard|after warm-up)\)$/, '')] = row[2].split('|').map((c) => c.trim());
  }
  return by;
}

describe('npm run bench -- --quick (bench/run.mjs), the smoke run', function () {
  this.timeout(15 * 60 * 1000);
  let run;
  let by;
  before(async function () {
    run = await node(['bench/run.mjs', '--quick']);
    by = sections(run.out);
  });

  it('exits 0 and writes no bench/RESULTS.md (a quick run is not a result)', function () {
    expect(run.code, run.err + run.out.slice(-2000)).to.equal(0);
    expect(run.out).not.to.include('RESULTS.md written');
  });

  const common = [
    ...Object.keys(KINDS).flatMap((k) => SIZES.map((s) => `send ${k} ${s}`)),
    ...['text', 'binary'].flatMap((k) => SIZES.map((s) => `receive ${k} ${s}`)),
    'control: native ÷ native, send ArrayBuffer 64',
    'control: native ÷ native, receive text 64',
    'strict 1 MB ASCII string',
    'strict 1 MB astral string',
    'standard 30 M-char string, one lone surrogate'
  ];
  const nodeOnly = ['heap per open socket', '1000 open/close cycles'];
  const backends = [
    ['builtin', [...common, ...nodeOnly]],
    ['ws', [...common, ...nodeOnly]],
    ['chromium', common]
  ];
  for (const [backend, ids] of backends) {
    it(`${backend}: every figure of the issue's table, each a measured rate on both sides`, function () {
      const s = by[backend];
      expect(s, `no "== ${backend}" section in:\n${run.out.slice(-3000)}`).to.be.an('object');
      if (s.skipped && backend === 'chromium' && !CI && ENGINES.some((e) => e.id === 'chromium' && missing(e).length)) this.skip();
      expect(s.skipped).to.equal(null);
      expect(Object.keys(s.rows)).to.have.members(ids);
      expect(s.count).to.equal(ids.length);
      for (const id of ids) {
        const [nativeCell, shimCell, ratioCell] = s.rows[id];
        if (id === 'heap per open socket') {
          expect(nativeCell, id).to.match(/^\d+\.\d\d KB$/);
          expect(shimCell, id).to.match(/^\d+\.\d\d KB$/);
          // bug: a shim below the native printed "+-0.03 KB over native"
          expect(ratioCell, id).to.match(/^(\+|−)\d+\.\d\d KB over native$/);
        } else if (id.endsWith('cycles')) {
          expect(shimCell, id).to.match(/^heap \d+\.\d\d KB, mid \d+\.\d\d KB, end \d+\.\d\d KB$/);
        } else {
          expect(nativeCell, id).to.match(/^[1-9]\d*\/s$/);
          expect(shimCell, id).to.match(/^[1-9]\d*\/s$/);
          expect(ratioCell, id).to.match(/^\*\*\d+\.\d\d\*\*/);
        }
      }
    });
  }
});

describe('npm run bench -- --pairs N (bench/run.mjs): more pairs for a figure near its target', function () {
  this.timeout(60000);

  it('runs the figure with N A B B A pairs and says so in the section head', async function () {
    const run = await node(['bench/run.mjs', '--quick', '--pairs', '3', '--only', 'send ArrayBuffer 64', '--backends', 'ws']);
    expect(run.code, run.err + run.out).to.equal(0);
    expect(run.out).to.match(/^== ws backend \(node v\d+\.\d+\.\d+; 3 A B B A pairs per figure\) …$/m);
    const s = sections(run.out).ws;
    expect(Object.keys(s.rows)).to.have.members(['send ArrayBuffer 64', 'control: native ÷ native, send ArrayBuffer 64']);
    expect(run.out).not.to.include('RESULTS.md written');
  });

  for (const bad of ['0', '2.5', 'many']) {
    it(`--pairs ${bad}: exit 2 with a one-line error, nothing measured`, async function () {
      const run = await node(['bench/run.mjs', '--pairs', bad, '--backends', 'ws']);
      expect(run.code).to.equal(2);
      expect(run.err).to.equal(`bench/run.mjs: --pairs wants a whole number >= 1, got ${bad}\n`);
      expect(run.out).to.equal('');
    });
  }
});

// The trials themselves, against the bench server in its own process and the shim's Node build
// over `ws`: each guard fails on the fault it exists for, and passes the shim as it is.
describe('bench trials: a shim that loses or reorders data fails the run instead of looking fast', function () {
  this.timeout(60000);
  const shim = require('../../dist/websocket-shim.node.cjs');
  const Shim = shim.createWebSocketClass({ mode: 'standard', native: require('ws') });
  const host = {
    now: () => performance.now(),
    sha1: async (chunks) => {
      const h = createHash('sha1');
      for (const c of chunks) h.update(c);
      return h.digest('hex');
    }
  };
  let server;
  let url;
  before(async function () {
    server = spawn(process.execPath, [join(root, 'bench', 'server.cjs')], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
    url = await new Promise((resolve) => {
      let out = '';
      server.stdout.on('data', (d) => {
        out += d;
        const m = /PORT (\d+)/.exec(out);
        if (m) resolve(`ws://127.0.0.1:${m[1]}/bench`);
      });
    });
  });
  after(function () {
    server.kill();
  });

  const N = 200;
  const data = KINDS.Uint8Array(64);
  let ws;
  let exp;
  beforeEach(async function () {
    ws = await open(Shim, url);
    exp = await expectation(host, wireBytes('Uint8Array', 64, data), N);
  });
  afterEach(function () {
    ws.close();
  });

  it('control: the shim as it is passes a send trial and a receive trial', async function () {
    expect(await sendTrial(host, ws, data, N, exp)).to.be.above(0);
    expect(await receiveTrial(host, ws, N, 64, 'text')).to.be.above(0);
  });

  it('a send() that drops the 100th message: the server count differs, the trial throws', async function () {
    const send = ws.send.bind(ws);
    let calls = 0;
    ws.send = (d) => (++calls === 100 ? undefined : send(d));
    let error = null;
    await sendTrial(host, ws, data, N, exp).catch((e) => (error = e));
    expect(error).to.be.an('error');
    expect(error.message).to.match(/^the server received \{"count":199,"bytes":12736,"sha1":"[0-9a-f]{40}"\}, expected \{"count":200,"bytes":12800,/);
  });

  it('a send() that swaps two messages: count and bytes agree, the SHA-1 does not, the trial throws', async function () {
    const send = ws.send.bind(ws);
    let calls = 0;
    let held = null;
    const other = new Uint8Array(64).fill(7);
    // The 10th message is replaced by different bytes of the same length and sent after the 11th.
    ws.send = (d) => {
      calls++;
      if (calls === 10) return void (held = other);
      send(d);
      if (calls === 11) send(held);
    };
    let error = null;
    await sendTrial(host, ws, data, N, exp).catch((e) => (error = e));
    expect(error).to.be.an('error');
    expect(error.message).to.match(/^the server received \{"count":200,"bytes":12800,"sha1":"[0-9a-f]{40}"\}, expected \{"count":200,"bytes":12800,"sha1":"[0-9a-f]{40}"\}$/);
    const [got, want] = error.message.match(/[0-9a-f]{40}/g);
    expect(got).not.to.equal(want);
  });

  it('an onmessage that loses the 50th message: the count differs, the trial throws', async function () {
    // The trial sets onmessage itself; the handler it sets skips one data message.
    const d = Object.getOwnPropertyDescriptor(Shim.prototype, 'onmessage');
    let seen = 0;
    Object.defineProperty(ws, 'onmessage', {
      configurable: true,
      get: () => d.get.call(ws),
      set: (f) => d.set.call(ws, f && ((ev) => (typeof ev.data === 'string' && ev.data.charCodeAt(0) !== 0 && ++seen === 50 ? undefined : f(ev))))
    });
    let error = null;
    await receiveTrial(host, ws, N, 64, 'text').catch((e) => (error = e));
    expect(error).to.be.an('error');
    expect(error.message).to.equal('received 199 messages / 12736 units, expected 200 / 12800');
  });
});
