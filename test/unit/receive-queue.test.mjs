// src/receive-queue.ts — the inbox: "when a WebSocket message has been received", in the order
// the engine saw the inputs (SPEC §2). Issue 13: a message with nothing ahead of it is dispatched
// at once, without an entry; these check that this path keeps every ordering guarantee.
import { expect } from 'chai';
import { load } from './_helpers.mjs';

const { ReceiveQueue } = load('receive-queue');

function sink(log, over) {
  return Object.assign(
    {
      open: true,
      type: 'arraybuffer',
      isOpen() {
        return this.open;
      },
      currentBinaryType() {
        return this.type;
      },
      dispatchMessage(data, blob) {
        log.push(['message', data, blob]);
      },
      closingHandshakeStarted() {
        log.push(['closing']);
      },
      connectionClosed(report) {
        log.push(['closed', report.code]);
      },
      blobUnreadable(e) {
        log.push(['unreadable', e]);
      }
    },
    over
  );
}

describe('receive-queue: the immediate path keeps the order (issue 13)', function () {
  it('a message that arrives during the dispatch of another is dispatched after it, not inside it', function () {
    const log = [];
    let q;
    const s = sink(log, {
      dispatchMessage(data) {
        log.push(['start', data]);
        if (data === 'a') {
          q.message('b');
          q.closing();
        }
        log.push(['end', data]);
      }
    });
    q = new ReceiveQueue(s);
    q.message('a');
    expect(log).to.deep.equal([['start', 'a'], ['end', 'a'], ['start', 'b'], ['end', 'b'], ['closing']]);
  });

  it('a message behind an engine Blob that is being read waits for it (binaryType arraybuffer)', async function () {
    const log = [];
    const q = new ReceiveQueue(sink(log));
    const blob = new Blob([new Uint8Array([1, 2])]);
    q.message(blob);
    q.message('after');
    expect(log, 'nothing before the Blob is read').to.deep.equal([]);
    await new Promise((r) => setTimeout(r, 20));
    expect(log.map((e) => e[0])).to.deep.equal(['message', 'message']);
    expect(Array.from(new Uint8Array(log[0][1]))).to.deep.equal([1, 2]);
    expect(log[1][1]).to.equal('after');
  });

  it('not OPEN: a message is not dispatched (the Standard step 1), and the next one still is once OPEN again', function () {
    const log = [];
    const s = sink(log);
    const q = new ReceiveQueue(s);
    s.open = false;
    q.message('dropped');
    s.open = true;
    q.message('kept');
    expect(log).to.deep.equal([['message', 'kept', null]]);
  });

  it('an exception from the dispatch leaves the queue usable (the next message is dispatched)', function () {
    const log = [];
    let first = true;
    const q = new ReceiveQueue(
      sink(log, {
        dispatchMessage(data) {
          if (first) {
            first = false;
            throw new Error('boom');
          }
          log.push(data);
        }
      })
    );
    expect(() => q.message('x')).to.throw('boom');
    q.message('y');
    expect(log).to.deep.equal(['y']);
  });
});
