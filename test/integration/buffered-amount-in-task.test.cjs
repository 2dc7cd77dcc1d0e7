// bufferedAmount within the task (SPEC §2 send(); WHATWG WebSockets: send() increases
// bufferedAmount, a later task decreases it once the data was transmitted), on the backend
// WS_SHIM_BACKEND names. `ws` hands the bytes to the socket at once and reports 0 right after
// send() (as React Native does): the shim must still count them until a later task.
'use strict';
const { expect, BACKEND, MODES, classFor, serverHooks, uid, wsUrl, openSocket, delay, frames } = require('../support/integration-helpers.cjs');

describe(`bufferedAmount counts a message from send() until a later task [${BACKEND}]`, function () {
  this.timeout(5000);
  const ctx = serverHooks();

  for (const mode of MODES) {
    it(`${mode}: send('héllo') → bufferedAmount is 6 at once; back to 0 in a later task`, async () => {
      const ws = await openSocket(ctx.tracker, classFor(mode), wsUrl(ctx.server, uid('ba'), 'echo=0'));
      expect(ws.bufferedAmount).to.equal(0);
      ws.send('héllo');
      expect(ws.bufferedAmount).to.equal(6);
      ws.send(new Uint8Array(10));
      expect(ws.bufferedAmount).to.equal(16);
      await delay(50);
      expect(ws.bufferedAmount).to.equal(0);
    });
  }

  it("standard: send('a\\ud800b\\udc00') counts 8 bytes at once (U+FFFD is 3) and the peer gets EF BF BD for each", async () => {
    const id = uid('ba');
    const ws = await openSocket(ctx.tracker, classFor('standard'), wsUrl(ctx.server, id, 'echo=0'));
    ws.send('a\ud800b\udc00');
    expect(ws.bufferedAmount).to.equal(8);
    ws.send('\ud83d\ude00\ud83d');
    expect(ws.bufferedAmount).to.equal(15);
    ws.close(1000);
    expect(frames(await ctx.server.log(id))).to.deep.equal([['text', '61efbfbd62efbfbd'], ['text', 'f09f9880efbfbd']]);
  });

  it('counted in the task, then sent: the peer gets the bytes, in order', async () => {
    const id = uid('ba');
    const ws = await openSocket(ctx.tracker, classFor('strict'), wsUrl(ctx.server, id, 'echo=0'));
    ws.send('a');
    ws.send(new Uint8Array([1, 2]));
    expect(ws.bufferedAmount).to.equal(3);
    ws.close(1000);
    expect(ws.bufferedAmount).to.equal(3);
    expect(frames(await ctx.server.log(id))).to.deep.equal([['text', '61'], ['binary', '0102']]);
  });

  it('never double-counted: at most the bytes sent, also where the engine counts them itself', async () => {
    const ws = await openSocket(ctx.tracker, classFor('strict'), wsUrl(ctx.server, uid('ba'), 'echo=0'));
    ws.send('x'.repeat(1000));
    const b = ws.bufferedAmount;
    expect(b).to.be.at.least(1000);
    expect(b).to.be.at.most(1000 + 14); // framing, on engines that count it (WebKit, Bun)
  });
});
