// `npm start` (lab/start.mjs) as a user runs it: the Node table, then the lab's URL and ports;
// 127.0.0.1 by default (not reachable through the machine's LAN address); --host 0.0.0.0 /
// --lan bind every interface with a plain warning, and the page and the test WebSocket server
// answer through a non-loopback address of this machine; Ctrl-C (SIGINT) and SIGTERM stop both
// servers and the process exits 0.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import WebSocket from 'ws';
import { root } from '../../lab/server.mjs';
import { lanAddresses, parseArgs } from '../../lab/start.mjs';

/** Starts lab/start.mjs; resolves once it printed the lab's URL, with its output so far. */
function start(args) {
  const child = spawn(process.execPath, [join(root, 'lab', 'start.mjs'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const ready = new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (/Ctrl-C stops the servers/.test(out)) {
        clearInterval(timer);
        const url = /Conformance lab: (http:\/\/\S+)/.exec(out)[1];
        const ports = /page on port (\d+), test WebSocket server on port (\d+), bound to (\S+)/.exec(out);
        resolve({ url, port: +ports[1], wsPort: +ports[2], bound: ports[3] });
      }
    }, 50);
    exited.then(({ code }) => {
      clearInterval(timer);
      reject(new Error(`exited with ${code}:\n${out}`));
    });
  });
  return { child, ready, exited, output: () => out };
}

function wsEcho(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('open', () => ws.send('ping'));
    ws.on('message', (data) => {
      resolve(String(data));
      ws.close();
    });
    ws.on('error', reject);
  });
}

const lan = lanAddresses();

describe('lab: npm start (lab/start.mjs)', function () {
  this.timeout(90000);

  it('parses --host, --lan, --port, --timeout, --no-table and refuses anything else', function () {
    expect(parseArgs([])).to.deep.equal({ host: '127.0.0.1', port: null, timeoutMs: 5000, table: true });
    expect(parseArgs(['--lan']).host).to.equal('0.0.0.0');
    expect(parseArgs(['--host', '0.0.0.0']).host).to.equal('0.0.0.0');
    expect(parseArgs(['--host=::1', '--port=0', '--timeout', '8000', '--no-table'])).to.deep.equal({ host: '::1', port: 0, timeoutMs: 8000, table: false });
    expect(() => parseArgs(['--port', '70000'])).to.throw(/--port/);
    expect(() => parseArgs(['--hots', 'x'])).to.throw(/unknown option --hots/);
    expect(() => parseArgs(['--host'])).to.throw(/needs a value/);
  });

  it('prints the Node table, then the URL and both ports; 127.0.0.1 only; SIGINT stops it with exit 0', async function () {
    const run = start(['--port', '0']);
    const info = await run.ready;
    const out = run.output();
    // The Node table as before (demo/table.mjs), above the lab's lines.
    expect(out).to.match(/websocket-shim \S+ conformance \(SPEC\.md §2–§3\), \d+ checks/);
    expect(out.indexOf('conformance (SPEC.md')).to.be.below(out.indexOf('Conformance lab:'));
    expect(info.bound).to.equal('127.0.0.1');
    expect(info.url).to.equal(`http://127.0.0.1:${info.port}/`);
    expect(out).to.not.include('WARNING');
    const page = await fetch(info.url);
    expect(page.status).to.equal(200);
    expect(await page.text()).to.include('websocket-shim conformance lab');
    expect(await wsEcho(`ws://127.0.0.1:${info.wsPort}/`)).to.equal('ping');
    if (lan.length) {
      // Not on the LAN address: nothing listens there.
      const err = await fetch(`http://${lan[0]}:${info.port}/`).then(() => null, (e) => e);
      expect(err, `reached the lab through ${lan[0]} although it is bound to 127.0.0.1`).to.be.an('error');
    }
    run.child.kill('SIGINT');
    const { code } = await run.exited;
    expect(code).to.equal(0);
    expect(run.output()).to.match(/lab stopped \(SIGINT\)/);
    const after = await fetch(info.url).then(() => 'answered', () => 'refused');
    expect(after).to.equal('refused');
  });

  for (const flag of [['--lan'], ['--host', '0.0.0.0']]) {
    it(`${flag.join(' ')}: every interface, a warning, page and WebSocket through a non-loopback address; SIGTERM stops it`, async function () {
      const run = start([...flag, '--port', '0', '--no-table']);
      const info = await run.ready;
      const out = run.output();
      expect(info.bound).to.equal('0.0.0.0');
      expect(out).to.match(/WARNING: the lab is open to your network/);
      expect(out).to.not.match(/conformance \(SPEC\.md/); // --no-table
      if (!lan.length) {
        expect(out).to.include('(this machine has no non-loopback address)');
        this.skip();
      }
      for (const a of lan) expect(out).to.include(`http://${a}:${info.port}/`);
      // This machine's own non-loopback address, as a TV on the LAN would use it.
      const page = await fetch(`http://${lan[0]}:${info.port}/`);
      expect(page.status).to.equal(200);
      expect(page.headers.get('content-security-policy')).to.include("script-src 'self'");
      await page.text();
      expect(await wsEcho(`ws://${lan[0]}:${info.wsPort}/`)).to.equal('ping');
      run.child.kill('SIGTERM');
      const { code } = await run.exited;
      expect(code).to.equal(0);
      expect(run.output()).to.match(/lab stopped \(SIGTERM\)/);
    });
  }
});
