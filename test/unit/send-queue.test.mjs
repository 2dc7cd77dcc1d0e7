// src/send-queue.ts — the ordered send queue (SPEC §2 send/close: "Data passed to send() before close()
// is sent before the close frame — even data the shim had to convert asynchronously (a Blob read).
// Nothing queued is lost." and bufferedAmount "including bytes the shim itself holds").
import { expect } from 'chai';
import { load } from './_helpers.mjs';

const { SendQueue } = load('send-queue');

function fakeSink(canSendBlob) {
  const sink = {
    canSendBlob: canSendBlob,
    writes: [],
    failures: [],
    write(data) {
      this.writes.push(data);
    },
    fail(err) {
      this.failures.push(err);
    }
  };
  return sink;
}

/** A Blob-like (tagged [object Blob]) whose arrayBuffer() the test settles by hand. */
function controlledBlob(bytes) {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return {
    [Symbol.toStringTag]: 'Blob',
    size: bytes.length,
    type: '',
    slice() {
      return this;
    },
    arrayBuffer() {
      return promise;
    },
    resolve() {
      resolve(new Uint8Array(bytes).buffer);
    },
    reject(e) {
      reject(e);
    }
  };
}

/** A Blob-like whose arrayBuffer() rejects. */
function failingBlob(error, size = 3) {
  return {
    [Symbol.toStringTag]: 'Blob',
    size: size,
    type: '',
    slice() {
      return this;
    },
    arrayBuffer() {
      return Promise.reject(error);
    }
  };
}

/** Lets promise callbacks and 0 ms timers run. */
function settle() {
  return new Promise((r) => setTimeout(r, 5));
}

function bytesOf(data) {
  if (typeof data === 'string') return data;
  return Array.from(new Uint8Array(data));
}

describe('send-queue: SendQueue', function () {
  describe('bypass: empty queue and nothing to convert', function () {
    it('a string is written synchronously, as is, and nothing is held', function () {
      const sink = fakeSink(false);
      const q = new SendQueue(sink);
      q.push('hello', 5, false);
      expect(sink.writes).to.deep.equal(['hello']);
      expect(q.bytes).to.equal(0);
      expect(q.empty).to.equal(true);
    });
    it('an ArrayBuffer / view is written synchronously, the same object', function () {
      const sink = fakeSink(false);
      const q = new SendQueue(sink);
      const ab = new ArrayBuffer(4);
      const view = new Uint8Array(ab, 1, 2);
      q.push(ab, 4, false);
      q.push(view, 2, false);
      expect(sink.writes).to.have.length(2);
      expect(sink.writes[0]).to.equal(ab);
      expect(sink.writes[1]).to.equal(view);
    });
    it('canBypass: true when empty and nothing to convert; false for a Blob the engine cannot send', function () {
      expect(new SendQueue(fakeSink(false)).canBypass(false)).to.equal(true);
      expect(new SendQueue(fakeSink(false)).canBypass(true)).to.equal(false);
      expect(new SendQueue(fakeSink(true)).canBypass(true)).to.equal(true);
    });
  });

  describe('canSendBlob = true: a Blob is written as it is', function () {
    it('synchronously, the same object, not read', function () {
      const sink = fakeSink(true);
      const q = new SendQueue(sink);
      let read = false;
      const blob = new Blob(['abc']);
      blob.arrayBuffer = () => {
        read = true;
        return Promise.resolve(new ArrayBuffer(0));
      };
      q.push(blob, 3, true);
      expect(sink.writes).to.have.length(1);
      expect(sink.writes[0]).to.equal(blob);
      expect(read).to.equal(false);
      expect(q.bytes).to.equal(0);
    });
  });

  describe('canSendBlob = false: a Blob is read, then written, in call order', function () {
    it('a real Blob: not written synchronously; written later as an ArrayBuffer with its bytes', async function () {
      const sink = fakeSink(false);
      const q = new SendQueue(sink);
      q.push(new Blob([new Uint8Array([1, 2, 3])]), 3, true);
      expect(sink.writes).to.deep.equal([]);
      expect(q.bytes).to.equal(3);
      expect(q.empty).to.equal(false);
      await settle();
      expect(sink.writes).to.have.length(1);
      expect(sink.writes[0]).to.be.instanceOf(ArrayBuffer);
      expect(bytesOf(sink.writes[0])).to.deep.equal([1, 2, 3]);
      expect(q.bytes).to.equal(0);
      expect(q.empty).to.equal(true);
    });

    it('later items (strings, buffers) wait behind the Blob, and keep their order', async function () {
      const sink = fakeSink(false);
      const q = new SendQueue(sink);
      const ab = new Uint8Array([9, 9]).buffer;
      q.push('before', 6, false);
      q.push(new Blob(['B']), 1, true);
      q.push('after', 5, false);
      q.push(ab, 2, false);
      expect(sink.writes).to.deep.equal(['before']);
      expect(q.canBypass(false), 'no bypass while something is queued').to.equal(false);
      await settle();
      expect(sink.writes.map(bytesOf)).to.deep.equal(['before', [0x42], 'after', [9, 9]]);
      expect(sink.writes[3]).to.equal(ab);
    });

    it('two Blobs read out of order are still written in call order; bytes drop as items are handed over', async function () {
      const sink = fakeSink(false);
      const q = new SendQueue(sink);
      const a = controlledBlob([0xa1, 0xa2]);
      const b = controlledBlob([0xb1, 0xb2, 0xb3]);
      q.push(a, 2, true);
      q.push('x', 1, false);
      q.push(b, 3, true);
      q.push('yy', 2, false);
      expect(q.bytes).to.equal(8);

      b.resolve(); // the second Blob is read first: nothing may be written yet
      await settle();
      expect(sink.writes).to.deep.equal([]);
      expect(q.bytes).to.equal(8);

      a.resolve();
      await settle();
      expect(sink.writes.map(bytesOf)).to.deep.equal([[0xa1, 0xa2], 'x', [0xb1, 0xb2, 0xb3], 'yy']);
      expect(q.bytes).to.equal(0);
    });

    it('bytes drop by exactly the handed-over items', async function () {
      const sink = fakeSink(false);
      const q = new SendQueue(sink);
      const a = controlledBlob([1]);
      const b = controlledBlob([2, 2]);
      q.push(a, 1, true);
      q.push('abc', 3, false);
      q.push(b, 2, true);
      q.push('de', 2, false);
      expect(q.bytes).to.equal(8);
      a.resolve();
      await settle();
      expect(sink.writes.map(bytesOf)).to.deep.equal([[1], 'abc']);
      expect(q.bytes).to.equal(4);
      b.resolve();
      await settle();
      expect(q.bytes).to.equal(0);
    });

    it('a File is read like a Blob', async function () {
      if (typeof File !== 'function') this.skip();
      const sink = fakeSink(false);
      const q = new SendQueue(sink);
      q.push(new File(['hi'], 'f.txt'), 2, true);
      await settle();
      expect(bytesOf(sink.writes[0])).to.deep.equal([0x68, 0x69]);
    });
  });

  describe('whenDrained', function () {
    it('empty queue: called at once (synchronously)', function () {
      const q = new SendQueue(fakeSink(false));
      let called = 0;
      q.whenDrained(() => called++);
      expect(called).to.equal(1);
    });

    it('called once, after every queued item was written (the close frame goes after them)', async function () {
      const sink = fakeSink(false);
      const q = new SendQueue(sink);
      const blob = controlledBlob([7]);
      q.push(blob, 1, true);
      q.push('tail', 4, false);
      let seenAtDrain = null;
      let calls = 0;
      q.whenDrained(() => {
        calls++;
        seenAtDrain = sink.writes.map(bytesOf);
      });
      await settle();
      expect(calls).to.equal(0);
      blob.resolve();
      await settle();
      expect(calls).to.equal(1);
      expect(seenAtDrain).to.deep.equal([[7], 'tail']);
      q.push('later', 5, false); // a write after draining does not call it again
      await settle();
      expect(calls).to.equal(1);
    });
  });

  describe('a Blob whose read fails', function () {
    it('sink.fail is called once with the error; nothing after it is written; the queue stops', async function () {
      const sink = fakeSink(false);
      const q = new SendQueue(sink);
      const error = new Error('read failed');
      q.push('first', 5, false); // bypass: written at once
      q.push(failingBlob(error), 3, true);
      q.push('second', 6, false);
      q.push(new Blob(['ok']), 2, true);
      let drained = false;
      q.whenDrained(() => {
        drained = true;
      });
      await settle();
      expect(sink.failures).to.deep.equal([error]);
      expect(sink.writes).to.deep.equal(['first']);
      q.push('third', 5, false); // after the failure: not even the bypass writes
      q.push(new ArrayBuffer(1), 1, false);
      await settle();
      expect(sink.writes).to.deep.equal(['first']);
      expect(sink.failures).to.have.length(1);
      expect(drained, 'never drained').to.equal(false);
      expect(q.canBypass(false)).to.equal(false);
    });

    it('two failing Blobs: fail is still called once', async function () {
      const sink = fakeSink(false);
      const q = new SendQueue(sink);
      q.push(failingBlob(new Error('a')), 1, true);
      q.push(failingBlob(new Error('b')), 1, true);
      await settle();
      expect(sink.failures).to.have.length(1);
      expect(sink.failures[0].message).to.equal('a');
    });

    it('a later Blob that fails while an earlier one is still being read: the earlier one is written first, then fail once', async function () {
      const sink = fakeSink(false);
      const q = new SendQueue(sink);
      const slow = controlledBlob([1]);
      const error = new Error('late');
      q.push(slow, 1, true);
      q.push(failingBlob(error), 1, true);
      q.push('after', 5, false);
      await settle();
      // In call order: the failure waits for the Blob sent before it.
      expect(sink.failures).to.deep.equal([]);
      expect(sink.writes).to.deep.equal([]);
      slow.resolve();
      await settle();
      expect(sink.writes.map(bytesOf)).to.deep.equal([[1]]);
      expect(sink.failures).to.deep.equal([error]);
      expect(q.bytes, 'the failed Blob and what followed stay counted').to.equal(6);
    });

    it('arrayBuffer() that throws synchronously: fail is called once, asynchronously', async function () {
      const sink = fakeSink(false);
      const q = new SendQueue(sink);
      const error = new TypeError('sync');
      q.push({ [Symbol.toStringTag]: 'Blob', size: 1, type: '', slice() {}, arrayBuffer() { throw error; } }, 1, true);
      expect(sink.failures).to.deep.equal([]);
      await settle();
      expect(sink.failures).to.deep.equal([error]);
    });

    it('a rejection with no reason still fails with an Error', async function () {
      const sink = fakeSink(false);
      const q = new SendQueue(sink);
      q.push(failingBlob(undefined), 1, true);
      await settle();
      expect(sink.failures).to.have.length(1);
      expect(sink.failures[0]).to.be.instanceOf(Error);
    });
  });

  describe('an engine that throws while taking queued data (or the close behind it)', function () {
    it('fails the connection once; the item it threw on and those after it stay counted; no exception escapes', async function () {
      const sink = fakeSink(false);
      const error = new Error('engine gone');
      sink.write = function (data) {
        if (data === 'boom') throw error;
        this.writes.push(data);
      };
      const q = new SendQueue(sink);
      const blob = controlledBlob([7]);
      q.push(blob, 1, true);
      q.push('boom', 4, false);
      q.push('after', 5, false);
      let drained = false;
      q.whenDrained(() => {
        drained = true;
      });
      const rejections = [];
      const onRejection = (e) => rejections.push(e);
      process.on('unhandledRejection', onRejection);
      try {
        blob.resolve();
        await settle();
      } finally {
        process.removeListener('unhandledRejection', onRejection);
      }
      expect(rejections).to.deep.equal([]);
      expect(sink.writes.map(bytesOf)).to.deep.equal([[7]]);
      expect(sink.failures).to.deep.equal([error]);
      expect(drained).to.equal(false);
      expect(q.bytes).to.equal(9);
      expect(q.stopped).to.equal(true);
      expect(q.canBypass(false)).to.equal(false);
    });

    it('a throwing drained callback (the engine refuses the close) fails the connection', async function () {
      const sink = fakeSink(false);
      const q = new SendQueue(sink);
      const blob = controlledBlob([1]);
      q.push(blob, 1, true);
      const error = new RangeError('close refused');
      q.whenDrained(() => {
        throw error;
      });
      blob.resolve();
      await settle();
      expect(sink.writes.map(bytesOf)).to.deep.equal([[1]]);
      expect(sink.failures).to.deep.equal([error]);
    });
  });

  describe('stop (the connection is gone)', function () {
    it('nothing queued is written afterwards, drained is not called, held bytes stay counted', async function () {
      const sink = fakeSink(false);
      const q = new SendQueue(sink);
      const blob = controlledBlob([1, 2]);
      q.push(blob, 2, true);
      q.push('x', 1, false);
      let drained = false;
      q.whenDrained(() => {
        drained = true;
      });
      q.stop();
      blob.resolve();
      await settle();
      expect(sink.writes).to.deep.equal([]);
      expect(sink.failures).to.deep.equal([]);
      expect(drained).to.equal(false);
      expect(q.bytes).to.equal(3);
      q.push('y', 1, false);
      expect(sink.writes).to.deep.equal([]);
    });
  });
});

describe('bug: a queue of n Blobs took O(n²) time (Array#shift per item handed over; issue 13)', function () {
  const tick = () => new Promise((r) => setTimeout(r, 0));

  it('handing over 3,000 queued items never shifts the array, and keeps them in call order', async function () {
    const sink = fakeSink(false);
    const q = new SendQueue(sink);
    const blobs = [];
    for (let i = 0; i < 1000; i++) {
      const b = controlledBlob([i & 255]);
      blobs.push(b);
      q.push(b, 1, true);
      q.push('t' + i, 2, false);
      q.push(new Uint8Array([i & 255, 1]), 2, false);
    }
    expect(q.bytes).to.equal(5000);
    const shift = Array.prototype.shift;
    let shifts = 0;
    Array.prototype.shift = function () {
      shifts++;
      return shift.apply(this, arguments);
    };
    try {
      // The last Blob first: nothing moves until the first one is read, then all of it does.
      for (let i = blobs.length - 1; i >= 0; i--) blobs[i].resolve();
      await tick();
    } finally {
      Array.prototype.shift = shift;
    }
    expect(shifts).to.equal(0);
    expect(sink.writes.length).to.equal(3000);
    for (let i = 0; i < 1000; i++) {
      expect(Array.from(new Uint8Array(sink.writes[3 * i])), 'Blob ' + i).to.deep.equal([i & 255]);
      expect(sink.writes[3 * i + 1]).to.equal('t' + i);
      expect(Array.from(sink.writes[3 * i + 2])).to.deep.equal([i & 255, 1]);
    }
    expect(q.bytes).to.equal(0);
    expect(q.empty).to.equal(true);
    expect(q.canBypass(false)).to.equal(true);
  });

  it('a queue that never drains (a Blob always pending at its end) keeps handing over in order as reads finish', async function () {
    const sink = fakeSink(false);
    const q = new SendQueue(sink);
    let next = 0;
    let pending = controlledBlob([0]);
    q.push(pending, 1, true);
    // Each round: one more Blob behind, then the one ahead is read: 200 rounds, one item each.
    for (let round = 1; round <= 200; round++) {
      const behind = controlledBlob([round & 255]);
      q.push(behind, 1, true);
      pending.resolve();
      await tick();
      pending = behind;
      next++;
      expect(sink.writes.length).to.equal(next);
      expect(q.bytes).to.equal(1);
      expect(q.empty).to.equal(false);
    }
    pending.resolve();
    await tick();
    expect(sink.writes.map((ab) => new Uint8Array(ab)[0])).to.deep.equal(Array.from({ length: 201 }, (_, i) => i & 255));
    expect(q.empty).to.equal(true);
  });
});
