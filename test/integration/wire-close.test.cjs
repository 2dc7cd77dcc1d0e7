// What the server receives for close(code, reason): SPEC §2 close(), §3 modes.
'use strict';
const {
  expect, BACKEND, MODES, classFor, startServer, makeTracker, uid, wsUrl, openSocket, closed, delay,
  expectDOMException, utf8Hex
} = require('../support/integration-helpers.cjs');

describe(`close() on the wire [${BACKEND}]`, function () {
  this.timeout(5000);
  let server;
  const tracker = makeTracker();
  before(async () => {
    server = await startServer();
  });
  afterEach(() => tracker.cleanup());
  after(() => server.close());

  /** Opens, runs `act(ws)`, waits for the close event and returns the server's close record. */
  async function closeRecord(WS, act, extra = 'echo=0') {
    const id = uid('close');
    const ws = await openSocket(tracker, WS, wsUrl(server, id, extra));
    const done = closed(ws);
    act(ws);
    expect(ws.readyState).to.equal(2);
    await done;
    const rec = await server.log(id);
    return rec.close;
  }

  for (const mode of MODES) {
    describe(`${mode} mode`, () => {
      const WS = () => classFor(mode);
      const cases = [
        ['close(1000)', [1000], 1000, ''],
        ['close(3000)', [3000], 3000, ''],
        ['close(4999)', [4999], 4999, ''],
        ['close(3001.3) rounds to nearest', [3001.3], 3001, ''],
        ['close(3000.5) ties to even (3000)', [3000.5], 3000, ''],
        ['close(3001.5) ties to even (3002)', [3001.5], 3002, ''],
        ['close(2999.5) ties to even (3000, valid)', [2999.5], 3000, ''],
        ['close(999.5) ties to even (1000, valid)', [999.5], 1000, ''],
        ["close('1000') converts the string", ['1000'], 1000, ''],
        ["close(4000, 'bye')", [4000, 'bye'], 4000, '627965'],
        ["close(undefined, 'bye') sends 1000 with the reason", [undefined, 'bye'], 1000, '627965'],
        ["close(1000, '') sends 1000 and an empty reason", [1000, ''], 1000, ''],
        ['close(3000, 42) converts the reason to a string', [3000, 42], 3000, '3432'],
        ['close(3000, astral reason) sends its UTF-8', [3000, 'a\u{1F600}\u00e9'], 3000, '61f09f9880c3a9'],
        ['close(1000, undefined) sends 1000 without reason', [1000, undefined], 1000, '']
      ];
      for (const [title, args, code, reasonHex] of cases) {
        it(`${title} → ${code}${reasonHex ? ' + reason bytes' : ''}`, async () => {
          const rec = await closeRecord(WS(), (ws) => {
            expect(ws.close(...args)).to.equal(undefined);
          });
          expect(rec).to.deep.equal({ code, reasonHex, hadBody: true });
        });
      }

      it('a reason of exactly 123 bytes of 3-byte characters arrives intact', async () => {
        const reason = '\u20ac'.repeat(41); // € = E2 82 AC, 41 × 3 = 123 bytes
        const rec = await closeRecord(WS(), (ws) => ws.close(4001, reason));
        expect(rec).to.deep.equal({ code: 4001, reasonHex: 'e282ac'.repeat(41), hadBody: true });
      });

      it('a reason of 124 bytes throws SyntaxError and nothing is sent; a valid close then goes out', async () => {
        const rec = await closeRecord(WS(), (ws) => {
          expectDOMException(() => ws.close(4001, '\u20ac'.repeat(41) + 'x'), 'SyntaxError', 12);
          expect(ws.readyState).to.equal(1);
          ws.close(4002, 'ok');
        });
        expect(rec).to.deep.equal({ code: 4002, reasonHex: utf8Hex('ok'), hadBody: true });
      });

      if (mode === 'strict') {
        it('close() sends code 1000', async () => {
          const rec = await closeRecord(WS(), (ws) => ws.close());
          expect(rec).to.deep.equal({ code: 1000, reasonHex: '', hadBody: true });
        });
        it('close(undefined) sends code 1000', async () => {
          const rec = await closeRecord(WS(), (ws) => ws.close(undefined));
          expect(rec).to.deep.equal({ code: 1000, reasonHex: '', hadBody: true });
        });

        it('a reason with an unpaired surrogate throws SyntaxError and nothing reaches the server until a valid close', async () => {
          const id = uid('close-sur');
          const ws = await openSocket(tracker, WS(), wsUrl(server, id, 'echo=0'));
          expectDOMException(() => ws.close(1000, 'a\ud800'), 'SyntaxError', 12);
          expectDOMException(() => ws.close(undefined, '\udc00b'), 'SyntaxError', 12);
          expectDOMException(() => ws.close(3000, '\udc00\ud800'), 'SyntaxError', 12);
          expect(ws.readyState).to.equal(1);
          await delay(100);
          const mid = await server.log(id, false);
          expect(mid.close).to.equal(null);
          expect(mid.ended).to.equal(false);
          expect(mid.frames).to.deep.equal([]);
          const done = closed(ws);
          ws.close(4003, 'valid');
          await done;
          const rec = await server.log(id);
          expect(rec.close).to.deep.equal({ code: 4003, reasonHex: utf8Hex('valid'), hadBody: true });
          expect(rec.frames).to.deep.equal([]);
        });
      } else {
        it('close() sends a close frame without a body (server sees 1005)', async () => {
          const rec = await closeRecord(WS(), (ws) => ws.close());
          expect(rec).to.deep.equal({ code: 1005, reasonHex: '', hadBody: false });
        });
        it('close(undefined, undefined) sends no body', async () => {
          const rec = await closeRecord(WS(), (ws) => ws.close(undefined, undefined));
          expect(rec).to.deep.equal({ code: 1005, reasonHex: '', hadBody: false });
        });

        it('a reason with an unpaired surrogate is sent with U+FFFD (EF BF BD)', async () => {
          const rec = await closeRecord(WS(), (ws) => ws.close(1000, 'a\ud800b'));
          expect(rec).to.deep.equal({ code: 1000, reasonHex: '61efbfbd62', hadBody: true });
        });

        it('a lone low surrogate and a reversed pair are each replaced', async () => {
          const rec = await closeRecord(WS(), (ws) => ws.close(3000, '\udc00\udc00\ud800'));
          expect(rec).to.deep.equal({ code: 3000, reasonHex: 'efbfbd'.repeat(3), hadBody: true });
        });

        it('U+FFFD counts 3 bytes: 41 replaced surrogates fit (123), 42 throw SyntaxError', async () => {
          const rec = await closeRecord(WS(), (ws) => {
            expectDOMException(() => ws.close(1000, '\ud800'.repeat(42)), 'SyntaxError', 12);
            ws.close(1000, '\ud800'.repeat(41));
          });
          expect(rec).to.deep.equal({ code: 1000, reasonHex: 'efbfbd'.repeat(41), hadBody: true });
        });
      }

      it('an invalid code throws InvalidAccessError before anything is sent; readyState stays OPEN', async () => {
        const rec = await closeRecord(WS(), (ws) => {
          for (const bad of [0, 999, 1001, 1005, 1006, 2999, 5000, 65535, 1000.7, 4999.5, NaN, null, 'text', -1, 70000]) {
            expectDOMException(() => ws.close(bad), 'InvalidAccessError', 15);
          }
          // The code check comes before the reason check.
          expectDOMException(() => ws.close(5000, 'x'.repeat(200)), 'InvalidAccessError', 15);
          expect(ws.readyState).to.equal(1);
          ws.close(3999);
        });
        expect(rec).to.deep.equal({ code: 3999, reasonHex: '', hadBody: true });
      });

      it('the first close() wins: later calls while CLOSING send nothing', async () => {
        const rec = await closeRecord(WS(), (ws) => {
          ws.close(4010, 'first');
          expect(ws.close(4011, 'second')).to.equal(undefined);
          expect(ws.close()).to.equal(undefined);
          expect(ws.readyState).to.equal(2);
        });
        expect(rec).to.deep.equal({ code: 4010, reasonHex: utf8Hex('first'), hadBody: true });
      });
    });
  }
});
