// SPEC §5: a third constructor argument passes backend options through (headers for `ws`,
// a WebSocketInit for Node's built-in). The server records the `x-test` request header.
'use strict';
const {
  expect, BACKEND, MODES, classFor, startServer, makeTracker, uid, wsUrl, openSocket, closed
} = require('../support/integration-helpers.cjs');

describe(`backend options (third constructor argument) [${BACKEND}]`, function () {
  this.timeout(5000);
  let server;
  const tracker = makeTracker();
  before(async () => {
    server = await startServer();
  });
  afterEach(() => tracker.cleanup());
  after(() => server.close());

  for (const mode of MODES) {
    describe(`${mode} mode`, () => {
      const WS = () => classFor(mode);

      async function roundTrip(id, protocols, options, extra = '') {
        const ws = await openSocket(tracker, WS(), wsUrl(server, id, extra), protocols, options);
        const done = closed(ws);
        ws.close(1000);
        await done;
        return { ws, rec: await server.log(id) };
      }

      it('without options no x-test header is sent', async () => {
        const { rec } = await roundTrip(uid('opt'));
        expect(rec.xTest).to.equal(null);
      });

      it("{ headers: { 'x-test': '1' } } reaches the server (protocols [])", async () => {
        const { rec } = await roundTrip(uid('opt'), [], { headers: { 'x-test': '1' } });
        expect(rec.xTest).to.equal('1');
        expect(rec.protocolsOffered).to.equal(null);
      });

      it('options with undefined protocols: protocols default to none', async () => {
        const { rec } = await roundTrip(uid('opt'), undefined, { headers: { 'x-test': 'u' } });
        expect(rec.xTest).to.equal('u');
        expect(rec.protocolsOffered).to.equal(null);
      });

      it('options together with protocols: both reach the server, the protocol is selected', async () => {
        const { ws, rec } = await roundTrip(uid('opt'), ['p1', 'p2'], { headers: { 'x-test': 'both' } }, 'proto=first');
        expect(rec.xTest).to.equal('both');
        expect(rec.protocolsOffered.split(/ *, */)).to.deep.equal(['p1', 'p2']);
        expect(ws.protocol).to.equal('p1');
      });

      it('the options object is not modified', async () => {
        const options = { headers: { 'x-test': 'same' } };
        const snapshot = JSON.stringify(options);
        await roundTrip(uid('opt'), ['p1'], options, 'proto=first');
        expect(JSON.stringify(options)).to.equal(snapshot);
      });
    });
  }
});
