// Model-based fuzzing of the socket (issue 10 "Proof"): random command sequences (up to two while
// CONNECTING, then up to 14 once open) — send (every data type), close (any arguments), binaryType
// changes, listener changes, and server actions
// (messages, close frames, resets) — run against the built package on a real server (the fault
// server's "model" mode), in both modes, on the backend of this run. After every step the socket's
// readyState, bufferedAmount, events and the server's record must equal the reference model's
// (test/fuzz/model.mjs).
//
// FUZZ_SCALE multiplies the sequences; FUZZ_SEED replays a run. Node 20+ only.
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import * as model from './model.mjs';
import { Thrown, textArb, binaryArb, closeArgsArb } from './arbitraries.mjs';
import { countSequences, seed } from './budget.mjs';

const require = createRequire(import.meta.url);
const h = require('../support/integration-helpers.cjs');
const { startFaultServer } = require('../support/fault-server.cjs');
const { expect, BACKEND } = h;
const sha1 = (b) => createHash('sha1').update(b).digest('hex');

const smallText = textArb.filter((t) => t.charAt(0) !== '\u0001');
const commandArb = fc.oneof(
  { weight: 5, arbitrary: smallText.map((data) => ({ kind: 'send', data })) },
  { weight: 4, arbitrary: binaryArb.map((data) => ({ kind: 'send', data })) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 40 }).map((b) => ({ kind: 'send', blobBytes: Buffer.from(b) })) },
  { weight: 1, arbitrary: fc.constantFrom(null, 0, true, { toString: () => 'obj' }).map((data) => ({ kind: 'send', data })) },
  { weight: 2, arbitrary: closeArgsArb.map((args) => ({ kind: 'close', args })) },
  { weight: 2, arbitrary: fc.constantFrom('blob', 'arraybuffer', 'Blob', '', 'text').map((value) => ({ kind: 'binaryType', value })) },
  { weight: 2, arbitrary: fc.constantFrom(1, -1).map((delta) => ({ kind: 'listeners', delta })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.oneof(fc.constant(1000), fc.integer({ min: 3000, max: 4999 })), fc.stringMatching(/^[a-z ]{0,20}$/))
      .map(([code, reason]) => ({ kind: 'serverClose', code, reason, control: `\u0001close:${code}:${reason}` }))
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'serverReset', control: '\u0001reset' }) }
);

/** Commands while CONNECTING (server actions need an open socket; close rarely, it ends the run). */
const preOpenArb = fc.oneof(
  { weight: 4, arbitrary: commandArb.filter((c) => c.kind !== 'serverClose' && c.kind !== 'serverReset' && c.kind !== 'close') },
  { weight: 1, arbitrary: closeArgsArb.map((args) => ({ kind: 'close', args })) }
);

function attempt(fn) {
  try {
    return { value: fn() };
  } catch (error) {
    return { error };
  }
}

/** The real socket's event records, with binary data as bytes (a Blob is read). */
async function normalize(events) {
  const out = [];
  for (const e of events) {
    if (e[0] !== 'message') out.push(e);
    else if (typeof e[1] === 'string') out.push(['message', 'text', Buffer.from(e[1], 'utf8')]);
    else if (e[1] instanceof ArrayBuffer) out.push(['message', 'arraybuffer', Buffer.from(e[1])]);
    else out.push(['message', 'blob', Buffer.from(await e[1].arrayBuffer())]);
  }
  return out;
}

async function settle(ws, seen, m, server, id) {
  for (let i = 0; i < 600; i++) {
    if (seen.length >= m.events.length && server.record(id).messages.length >= m.server.length) break;
    await h.delay(5);
  }
  await h.delay(m.readyState === 3 ? 20 : 2); // nothing more comes
}

async function runSequence(WS, mode, server, pre, commands) {
  const id = h.uid('model');
  const ws = new WS(server.url('model', id));
  const seen = [];
  const listeners = [];
  const addListener = () => {
    const fn = (ev) => seen.push(['message', ev.data]);
    listeners.push(fn);
    ws.addEventListener('message', fn);
  };
  addListener();
  ws.addEventListener('open', () => seen.push(['open']));
  ws.addEventListener('error', () => seen.push(['error']));
  ws.addEventListener('close', (ev) => seen.push(['close', ev.code, ev.reason, ev.wasClean]));
  const m = { readyState: 0, buffered: 0, binaryType: 'blob', listeners: 1, events: [], server: [] };
  const check = async () => {
    await settle(ws, seen, m, server, id);
    expect(ws.readyState, 'readyState').to.equal(m.readyState);
    expect(ws.bufferedAmount, 'bufferedAmount').to.equal(m.buffered);
    expect(await normalize(seen), 'events').to.deep.equal(m.events);
    const got = server.record(id).messages;
    expect(got, 'server record').to.deep.equal(m.server.map((s) => ({ type: s.type, length: s.bytes.length, sha1: sha1(s.bytes) })));
  };
  const run = (cmd) => compareThrows(attempt(() => apply(ws, cmd, m, listeners, addListener)), attempt(() => model.step(m, cmd, mode)));
  try {
    // CONNECTING: commands in the constructor's task, before the handshake can complete.
    for (const cmd of pre) run(cmd);
    if (m.readyState === 0) {
      m.readyState = 1;
      m.events.push(['open']);
    }
    await check();
    for (const cmd of commands) {
      run(cmd);
      await check();
    }
  } finally {
    if (ws.readyState < 2) ws.close();
    if (ws.readyState !== 3) await h.closed(ws).catch(() => {});
  }
}

/** Runs one command on the real socket (server actions only while the model says OPEN). */
function apply(ws, cmd, m, listeners, addListener) {
  switch (cmd.kind) {
    case 'send':
      return ws.send(cmd.blobBytes ? new Blob([cmd.blobBytes]) : cmd.data);
    case 'close':
      return ws.close(...cmd.args);
    case 'binaryType':
      ws.binaryType = cmd.value;
      return;
    case 'listeners':
      if (cmd.delta > 0) addListener();
      else if (listeners.length) ws.removeEventListener('message', listeners.pop());
      return;
    default:
      // serverClose / serverReset: the command reaches the server as a message (model.step
      // already moved the model to CLOSED, so look at what it was: the socket must be OPEN).
      if (ws.readyState === 1) ws.send(cmd.control);
  }
}

function compareThrows(actual, expected) {
  const want = expected.error || (expected.value && expected.value.throws);
  if (!want) {
    if (actual.error) throw actual.error;
    return;
  }
  expect(actual.error, 'an exception').to.exist;
  if (typeof want === 'string') expect(actual.error.name).to.equal(want);
  else if (want instanceof Thrown) expect(actual.error).to.be.instanceOf(Thrown);
  else expect(actual.error).to.be.instanceOf(TypeError);
}

describe(`fuzz: the socket against the reference model (${BACKEND} backend)`, function () {
  this.timeout(0);
  let server;
  before(async function () {
    server = await startFaultServer();
  });
  after(async function () {
    await server.close();
  });
  for (const mode of ['strict', 'standard']) {
    it(`${mode}: readyState, bufferedAmount, events and the server's record equal the model after every step`, async function () {
      const WS = h.classFor(mode);
      await fc.assert(
        fc.asyncProperty(fc.array(preOpenArb, { maxLength: 2 }), fc.array(commandArb, { minLength: 1, maxLength: 14 }), async (pre, commands) => {
          await runSequence(WS, mode, server, pre, commands);
        }),
        { numRuns: countSequences(40), seed, interruptAfterTimeLimit: 120000 }
      );
    });
  }
});
