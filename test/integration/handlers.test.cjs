// Event handler attributes and listeners: SPEC §2 (non-function → null, throwing listeners,
// EventTarget); HTML event handler processing (a handler keeps its place when reassigned;
// QUIRKS §9: undici and ws 8 move it behind later listeners).
'use strict';
const {
  expect, BACKEND, MODES, classFor, startServer, makeTracker, uid, wsUrl, openSocket, closed, delay, catchReported,
  Event, EventTarget
} = require('../support/integration-helpers.cjs');

const TYPES = ['open', 'message', 'error', 'close'];

describe(`event handlers and listeners [${BACKEND}]`, function () {
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

      it('onopen/onmessage/onerror/onclose default to null; non-functions are stored as null', () => {
        const ws = tracker.make(WS(), wsUrl(server, uid('h')));
        for (const t of TYPES) {
          const key = 'on' + t;
          expect(ws[key], key).to.equal(null);
          const fn = () => {};
          ws[key] = fn;
          expect(ws[key]).to.equal(fn);
          for (const bad of ['alert(1)', 1, true, undefined, Symbol('s'), {}, { handleEvent() {} }, []]) {
            ws[key] = fn;
            ws[key] = bad;
            expect(ws[key], `${key} = ${String(bad)}`).to.equal(null);
          }
          ws[key] = fn;
          ws[key] = null;
          expect(ws[key]).to.equal(null);
        }
      });

      it('handlers are called for real events: onopen, onmessage, onclose with the socket as this and target', async () => {
        const ws = tracker.make(WS(), wsUrl(server, uid('h')));
        const calls = [];
        ws.onopen = function (ev) {
          calls.push(['open', this === ws, ev.target === ws, ws.readyState]);
          ws.send('x');
        };
        ws.onmessage = function (ev) {
          calls.push(['message', this === ws, ev.target === ws, ev.data]);
          ws.close(1000);
        };
        ws.onerror = () => calls.push(['error']);
        const done = new Promise((resolve) => {
          ws.onclose = function (ev) {
            calls.push(['close', this === ws, ev.target === ws, ev.code]);
            resolve();
          };
        });
        await done;
        expect(calls).to.deep.equal([
          ['open', true, true, 1],
          ['message', true, true, 'x'],
          ['close', true, true, 1000]
        ]);
      });

      it('onerror is called before onclose when the connection fails', async () => {
        const ws = tracker.make(WS(), wsUrl(server, uid('h-drop'), 'drop=1'));
        const calls = [];
        ws.onerror = (ev) => calls.push([ev.type, ws.readyState]);
        const done = new Promise((resolve) => {
          ws.onclose = (ev) => {
            calls.push([ev.type, ev.code]);
            resolve();
          };
        });
        await done;
        expect(calls).to.deep.equal([['error', 3], ['close', 1006]]);
      });

      it('reassigning onmessage keeps its position relative to listeners added later', async () => {
        const ws = await openSocket(tracker, WS(), wsUrl(server, uid('h-order')));
        const order = [];
        ws.addEventListener('message', () => order.push('A'));
        ws.onmessage = () => order.push('H1');
        ws.addEventListener('message', () => order.push('B'));
        ws.onmessage = () => order.push('H2'); // replaces H1 in H1's place
        ws.addEventListener('message', () => order.push('C'));
        let got = nextMessage(ws);
        ws.send('1');
        await got;
        expect(order).to.deep.equal(['A', 'H2', 'B', 'C']);

        // Setting null removes it; a later function is added at the end.
        order.length = 0;
        ws.onmessage = null;
        ws.onmessage = () => order.push('H3');
        got = nextMessage(ws);
        ws.send('2');
        await got;
        expect(order).to.deep.equal(['A', 'B', 'C', 'H3']);

        // A non-function also removes it.
        order.length = 0;
        ws.onmessage = 'not a function';
        got = nextMessage(ws);
        ws.send('3');
        await got;
        expect(order).to.deep.equal(['A', 'B', 'C']);
      });

      it('reassigning onclose keeps its position too', async () => {
        const ws = await openSocket(tracker, WS(), wsUrl(server, uid('h-order-close')));
        const order = [];
        ws.onclose = () => order.push('H1');
        ws.addEventListener('close', () => order.push('A'));
        ws.onclose = () => order.push('H2');
        const done = closed(ws);
        ws.close(1000);
        await done;
        expect(order).to.deep.equal(['H2', 'A']);
      });

      it('a throwing listener does not stop the next one; the error is reported as uncaught', async () => {
        const ws = await openSocket(tracker, WS(), wsUrl(server, uid('h-throw')));
        const boom1 = new Error('boom from listener');
        const boom2 = new Error('boom from onmessage');
        const order = [];
        const reported = await catchReported(async (list) => {
          ws.addEventListener('message', () => {
            order.push('L1');
            throw boom1;
          });
          ws.onmessage = () => {
            order.push('H');
            throw boom2;
          };
          const got = new Promise((resolve) => ws.addEventListener('message', (ev) => {
            order.push('L2');
            resolve(ev);
          }));
          ws.send('t');
          await got;
          for (let i = 0; i < 20 && list.length < 2; i++) await delay(10);
          await delay(20);
        });
        expect(order).to.deep.equal(['L1', 'H', 'L2']);
        expect(reported).to.have.length(2);
        expect(reported[0]).to.equal(boom1);
        expect(reported[1]).to.equal(boom2);
        expect(ws.readyState).to.equal(1);
      });

      it('the socket is an EventTarget; removeEventListener, once and handleEvent objects work', async () => {
        const ws = await openSocket(tracker, WS(), wsUrl(server, uid('h-et')));
        expect(ws).to.be.an.instanceof(EventTarget);
        expect(ws).to.be.an.instanceof(WS());
        expect(Object.prototype.toString.call(ws)).to.equal('[object WebSocket]');
        const calls = [];
        const removed = () => calls.push('removed');
        ws.addEventListener('message', removed);
        ws.removeEventListener('message', removed);
        ws.addEventListener('message', () => calls.push('once'), { once: true });
        const obj = {
          handleEvent(ev) {
            calls.push(['obj', this === obj, ev.target === ws]);
          }
        };
        ws.addEventListener('message', obj);
        const dup = () => calls.push('dup');
        ws.addEventListener('message', dup);
        ws.addEventListener('message', dup); // same listener twice: added once
        let got = nextMessage(ws);
        ws.send('1');
        await got;
        got = nextMessage(ws);
        ws.send('2');
        await got;
        expect(calls).to.deep.equal(['once', ['obj', true, true], 'dup', ['obj', true, true], 'dup']);
      });

      it('dispatchEvent of a synthetic event reaches listeners and the handler, target is the socket', () => {
        const ws = tracker.make(WS(), wsUrl(server, uid('h-dispatch')));
        const seen = [];
        ws.onopen = (ev) => seen.push(['handler', ev.target === ws]);
        ws.addEventListener('open', (ev) => seen.push(['listener', ev.target === ws]));
        expect(ws.dispatchEvent(new Event('open'))).to.equal(true);
        expect(seen).to.deep.equal([['handler', true], ['listener', true]]);
        expect(ws.readyState).to.equal(0); // a synthetic event does not change the state
      });
    });
  }
});

function nextMessage(ws) {
  // Resolves after every message listener registered so far has run for the next message.
  return new Promise((resolve) => {
    const l = () => {
      ws.removeEventListener('message', l);
      setTimeout(resolve, 0);
    };
    ws.addEventListener('message', l);
  });
}
