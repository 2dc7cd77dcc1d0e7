// src/webidl.ts — Web IDL conversions (SPEC §2; Web IDL §3.2.4 ConvertToInt with [Clamp],
// §3.2.10 DOMString, §3.2.x BufferSource / Blob recognition).
import { expect } from 'chai';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { load, expectTypeError } from './_helpers.mjs';

const { toClampedUnsignedShort, toDOMString, isArrayBuffer, isArrayBufferView, isBlob, viewBytes } = load('webidl');

describe('webidl', function () {
  describe('[Clamp] unsigned short (Web IDL ConvertToInt, bitLength 16, unsigned, [Clamp])', function () {
    // [input, expected, label]. Expected values follow Web IDL: ToNumber; NaN → +0;
    // clamp to [0, 65535]; round to nearest, ties to even; +0 rather than −0.
    const vectors = [
      [-1, 0],
      [0, 0],
      [999, 999],
      [1000, 1000],
      [1000.5, 1000, 'tie rounds to even 1000'],
      [1000.7, 1001],
      [1001, 1001],
      [1005, 1005],
      [2999, 2999],
      [2999.5, 3000, 'tie rounds to even 3000'],
      [3000, 3000],
      [3001.3, 3001],
      [4999, 4999],
      [4999.5, 5000, 'tie rounds to even 5000'],
      [5000, 5000],
      [65535, 65535],
      [65536, 65535, 'clamped, not wrapped'],
      [70000.5, 65535],
      [0.5, 0, 'tie rounds to even 0'],
      [1.5, 2, 'tie rounds to even 2'],
      [2.5, 2, 'tie rounds to even 2'],
      [65534.5, 65534, 'tie rounds to even 65534'],
      [0.49999999999999994, 0],
      [NaN, 0],
      [Infinity, 65535],
      [-Infinity, 0],
      ['1000', 1000],
      ['  1000 ', 1000, 'ToNumber trims white space'],
      ['0x3E8', 1000, 'ToNumber reads hex'],
      ['', 0],
      ['text', 0],
      [null, 0],
      [true, 1],
      [false, 0],
      [undefined, 0, 'undefined → NaN → 0'],
      [[], 0, '[] → "" → 0'],
      [[3000], 3000, '[3000] → "3000" → 3000'],
      [{ valueOf() { return 3000; } }, 3000, 'valueOf'],
      [{ toString() { return '4000'; } }, 4000, 'toString'],
      [{ [Symbol.toPrimitive](hint) { return hint === 'number' ? 3000 : 1; } }, 3000, 'ToPrimitive hint "number"']
    ];
    for (const [input, expected, label] of vectors) {
      const name = (typeof input === 'string' ? JSON.stringify(input) : String(Array.isArray(input) ? '[' + input + ']' : typeof input === 'object' && input ? 'object' : input)) + ' → ' + expected + (label ? ' (' + label + ')' : '');
      it(name, function () {
        const r = toClampedUnsignedShort(input);
        expect(r).to.equal(expected);
        expect(Object.is(r, -0), 'never −0').to.equal(false);
      });
    }

    it('−0 and −0.4 give +0, not −0', function () {
      expect(Object.is(toClampedUnsignedShort(-0), 0)).to.equal(true);
      expect(Object.is(toClampedUnsignedShort(-0.4), 0)).to.equal(true);
    });

    it('a Symbol → TypeError (ToNumber)', function () {
      expectTypeError(() => toClampedUnsignedShort(Symbol()));
    });

    it('a BigInt (10n) → TypeError (ToNumber)', function () {
      expectTypeError(() => toClampedUnsignedShort(10n));
    });

    it('an exception thrown by valueOf propagates unchanged', function () {
      const boom = new RangeError('boom');
      const e = (() => {
        try {
          toClampedUnsignedShort({ valueOf() { throw boom; } });
        } catch (err) {
          return err;
        }
      })();
      expect(e).to.equal(boom);
    });

    it('calls valueOf exactly once', function () {
      let calls = 0;
      toClampedUnsignedShort({ valueOf() { calls++; return 1000; } });
      expect(calls).to.equal(1);
    });
  });

  describe('DOMString (Web IDL ToString)', function () {
    it('a Symbol → TypeError (String(sym) would not throw)', function () {
      expectTypeError(() => toDOMString(Symbol('s')));
    });
    it('null → "null", undefined → "undefined"', function () {
      expect(toDOMString(null)).to.equal('null');
      expect(toDOMString(undefined)).to.equal('undefined');
    });
    it('numbers, booleans and BigInt follow ToString', function () {
      expect(toDOMString(123)).to.equal('123');
      expect(toDOMString(-0)).to.equal('0');
      expect(toDOMString(1.5e300)).to.equal('1.5e+300');
      expect(toDOMString(true)).to.equal('true');
      expect(toDOMString(10n)).to.equal('10');
    });
    it('strings pass through unchanged (lone surrogates too: DOMString, not USVString)', function () {
      expect(toDOMString('abc')).to.equal('abc');
      expect(toDOMString('\ud800x')).to.equal('\ud800x');
    });
    it('objects via toString', function () {
      expect(toDOMString({ toString() { return 'x'; } })).to.equal('x');
      expect(toDOMString([1, 2])).to.equal('1,2');
      expect(toDOMString({})).to.equal('[object Object]');
    });
    it('objects: ToString uses ToPrimitive hint "string" (toString before valueOf)', function () {
      expect(toDOMString({ toString() { return 'x'; }, valueOf() { return 1; } })).to.equal('x');
      expect(toDOMString({ [Symbol.toPrimitive](hint) { return hint; } })).to.equal('string');
    });
    it('an object whose toString is not callable falls back to valueOf', function () {
      expect(toDOMString({ toString: null, valueOf() { return 'v'; } })).to.equal('v');
    });
  });

  describe('BufferSource recognition', function () {
    const ctorNames = [
      'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
      'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array', 'Float16Array'
    ];

    describe('isArrayBuffer', function () {
      it('an ArrayBuffer (also empty)', function () {
        expect(isArrayBuffer(new ArrayBuffer(8))).to.equal(true);
        expect(isArrayBuffer(new ArrayBuffer(0))).to.equal(true);
      });
      it('an ArrayBuffer from another realm (vm context)', function () {
        expect(isArrayBuffer(vm.runInNewContext('new ArrayBuffer(2)'))).to.equal(true);
      });
      it('not a SharedArrayBuffer (BufferSource has no [AllowShared])', function () {
        expect(isArrayBuffer(new SharedArrayBuffer(4))).to.equal(false);
      });
      it('not views, Blobs, strings, numbers, null, undefined, plain objects', function () {
        for (const v of [new Uint8Array(2), new DataView(new ArrayBuffer(2)), new Blob(['a']), 'ab', 2, null, undefined, {}, { byteLength: 2 }]) {
          expect(isArrayBuffer(v), String(v)).to.equal(false);
        }
      });
    });

    describe('isArrayBufferView', function () {
      for (const name of ctorNames) {
        const Ctor = globalThis[name];
        (Ctor ? it : it.skip)(name, function () {
          expect(isArrayBufferView(new Ctor(4))).to.equal(true);
          expect(isArrayBufferView(new Ctor(new ArrayBuffer(16), 8, 1))).to.equal(true);
        });
      }
      it('DataView', function () {
        expect(isArrayBufferView(new DataView(new ArrayBuffer(4), 1, 2))).to.equal(true);
      });
      it("a Node Buffer (a Uint8Array subclass)", function () {
        expect(isArrayBufferView(Buffer.from('abc'))).to.equal(true);
      });
      it('views from another realm (vm context)', function () {
        expect(isArrayBufferView(vm.runInNewContext('new Uint8Array(2)'))).to.equal(true);
        expect(isArrayBufferView(vm.runInNewContext('new DataView(new ArrayBuffer(2))'))).to.equal(true);
        expect(isArrayBufferView(vm.runInNewContext('new Float64Array(1)'))).to.equal(true);
      });
      it('not an ArrayBuffer, Blob, array, string, null, or plain array-like', function () {
        const fakes = [
          new ArrayBuffer(4),
          new Blob(['a']),
          [1, 2, 3],
          'abc',
          null,
          undefined,
          0,
          { buffer: new ArrayBuffer(4), byteOffset: 0, byteLength: 4 },
          { length: 2, 0: 1, 1: 2 }
        ];
        for (const v of fakes) expect(isArrayBufferView(v), String(v)).to.equal(false);
      });
    });

    describe('viewBytes: exactly the viewed bytes, over the same memory (no copy)', function () {
      function buffer32() {
        const ab = new ArrayBuffer(32);
        const u8 = new Uint8Array(ab);
        for (let i = 0; i < 32; i++) u8[i] = i;
        return ab;
      }
      function range(from, to) {
        const out = [];
        for (let i = from; i < to; i++) out.push(i);
        return out;
      }
      const cases = [
        ['Uint16Array(buf, 4, 3)', (ab) => new Uint16Array(ab, 4, 3), 4, 10],
        ['DataView(buf, 5, 7)', (ab) => new DataView(ab, 5, 7), 5, 12],
        ['Float64Array(buf, 8, 2)', (ab) => new Float64Array(ab, 8, 2), 8, 24],
        ['Uint8Array(buf, 3, 9)', (ab) => new Uint8Array(ab, 3, 9), 3, 12],
        ['Int32Array(buf, 28)', (ab) => new Int32Array(ab, 28), 28, 32],
        ['DataView(buf, 32) (empty, at the end)', (ab) => new DataView(ab, 32), 32, 32]
      ];
      for (const [label, make, from, to] of cases) {
        it(label + ' → bytes ' + from + '..' + (to - 1), function () {
          const ab = buffer32();
          const view = make(ab);
          const bytes = viewBytes(view);
          expect(bytes).to.be.instanceOf(Uint8Array);
          expect(Array.from(bytes)).to.deep.equal(range(from, to));
          expect(bytes.buffer, 'same ArrayBuffer').to.equal(ab);
          expect(bytes.byteOffset).to.equal(from);
          expect(bytes.byteLength).to.equal(to - from);
          if (to > from) {
            bytes[0] = 0xee; // writes through: no copy
            expect(new Uint8Array(ab)[from]).to.equal(0xee);
          }
        });
      }
      it('a pooled Node Buffer: its own bytes, not the pool', function () {
        const b = Buffer.from('hello');
        const bytes = viewBytes(b);
        expect(Array.from(bytes)).to.deep.equal([0x68, 0x65, 0x6c, 0x6c, 0x6f]);
        expect(bytes.buffer).to.equal(b.buffer);
      });
      it('a view from another realm', function () {
        const v = vm.runInNewContext('var a = new Uint8Array([9, 8, 7, 6, 5]); new Uint16Array(a.buffer, 2, 1)');
        expect(Array.from(viewBytes(v))).to.deep.equal([7, 6]);
      });
    });
  });

  describe('Blob recognition (isBlob)', function () {
    it("Node's global Blob", function () {
      expect(isBlob(new Blob(['abc']))).to.equal(true);
      expect(isBlob(new Blob([]))).to.equal(true);
    });
    (typeof File === 'function' ? it : it.skip)('a File', function () {
      expect(isBlob(new File(['x'], 'x.txt'))).to.equal(true);
    });
    it("require('buffer').Blob", async function () {
      const { Blob: BufferBlob } = await import('node:buffer');
      expect(isBlob(new BufferBlob(['a']))).to.equal(true);
    });
    it('a plain object with size, type and slice is not a Blob', function () {
      expect(isBlob({ size: 1, type: '', slice() {}, arrayBuffer() {} })).to.equal(false);
    });
    it('not ArrayBuffers, views, strings, null, undefined', function () {
      for (const v of [new ArrayBuffer(1), new Uint8Array(1), 'blob', null, undefined, 1]) {
        expect(isBlob(v), String(v)).to.equal(false);
      }
    });
  });
});

// Issue 11 "Conversions": buffers and Blobs are recognised by their internal slots (Web IDL
// union conversion), not by Symbol.toStringTag; a SharedArrayBuffer (or a view on one) is no
// BufferSource (no [AllowShared]) → TypeError.
describe('webidl: buffers and Blobs recognised by internal slots, not Symbol.toStringTag', function () {
  const { bufferSourceKind, isSharedArrayBuffer } = load('webidl');
  const tagged = (tag, extra) => Object.assign({ [Symbol.toStringTag]: tag }, extra);

  it('a plain object tagged ArrayBuffer is not an ArrayBuffer', function () {
    expect(isArrayBuffer(tagged('ArrayBuffer', { byteLength: 4, slice() {} }))).to.equal(false);
  });
  it('an object made from ArrayBuffer.prototype (no [[ArrayBufferData]]) is not an ArrayBuffer', function () {
    expect(isArrayBuffer(Object.create(ArrayBuffer.prototype))).to.equal(false);
  });
  it('a plain object tagged Uint8Array (with a real buffer) is not a view', function () {
    expect(isArrayBufferView(tagged('Uint8Array', { buffer: new ArrayBuffer(4), byteOffset: 0, byteLength: 4 }))).to.equal(false);
  });
  it('a plain object tagged Blob with size, type and slice is not a Blob; a real Blob and File are', function () {
    expect(isBlob(tagged('Blob', { size: 1, type: '', slice() {} }))).to.equal(false);
    expect(isBlob(Object.create(Blob.prototype))).to.equal(false);
    expect(isBlob(new Blob(['x']))).to.equal(true);
    expect(isBlob(new File(['x'], 'f'))).to.equal(true);
  });
  it('a detached ArrayBuffer is still an ArrayBuffer', function () {
    const ab = new ArrayBuffer(8);
    structuredClone(ab, { transfer: [ab] });
    expect(isArrayBuffer(ab)).to.equal(true);
  });
  it('another realm: ArrayBuffer and views recognised, tagged fakes not', function () {
    expect(isArrayBuffer(vm.runInNewContext('new ArrayBuffer(2)'))).to.equal(true);
    expect(isArrayBuffer(vm.runInNewContext("({ [Symbol.toStringTag]: 'ArrayBuffer' })"))).to.equal(false);
  });
  it('bufferSourceKind: buffer, view, blob, or null (ToString)', function () {
    expect(bufferSourceKind(new ArrayBuffer(1))).to.equal('buffer');
    expect(bufferSourceKind(new DataView(new ArrayBuffer(1)))).to.equal('view');
    expect(bufferSourceKind(Buffer.from('x'))).to.equal('view');
    expect(bufferSourceKind(new Blob(['x']))).to.equal('blob');
    expect(bufferSourceKind(tagged('ArrayBuffer'))).to.equal(null);
    expect(bufferSourceKind(tagged('Uint8Array'))).to.equal(null);
    expect(bufferSourceKind('text')).to.equal(null);
    expect(bufferSourceKind(null)).to.equal(null);
  });
  // Issue 13: a Blob of this realm is recognised by instanceof before the tag (send(Blob)); the
  // slot is still checked, and a class without an object prototype does not make it throw.
  it('bufferSourceKind: a File and a Blob subclass are blobs; an object made from Blob.prototype is not', function () {
    class MyBlob extends Blob {}
    expect(bufferSourceKind(new File(['x'], 'f'))).to.equal('blob');
    expect(bufferSourceKind(new MyBlob(['x']))).to.equal('blob');
    expect(bufferSourceKind(Object.create(Blob.prototype))).to.equal(null);
    expect(bufferSourceKind(Object.create(File.prototype))).to.equal(null);
  });
  it('bufferSourceKind: a Blob class without an object prototype (an arrow function) → no exception, ToString', function () {
    const saved = globalThis.Blob;
    try {
      globalThis.Blob = () => {};
      expect(bufferSourceKind({ size: 1 })).to.equal(null);
      expect(bufferSourceKind(new ArrayBuffer(1))).to.equal('buffer');
    } finally {
      globalThis.Blob = saved;
    }
  });
  it('a view on a SharedArrayBuffer → TypeError; a SharedArrayBuffer → TypeError', function () {
    const sab = new SharedArrayBuffer(4);
    expect(isSharedArrayBuffer(sab)).to.equal(true);
    expect(isArrayBuffer(sab)).to.equal(false);
    expectTypeError(() => bufferSourceKind(new Uint8Array(sab)));
    expectTypeError(() => bufferSourceKind(new DataView(sab)));
    expectTypeError(() => bufferSourceKind(sab));
    expect(isSharedArrayBuffer(new ArrayBuffer(1))).to.equal(false);
    expect(isSharedArrayBuffer(tagged('SharedArrayBuffer'))).to.equal(false);
  });
  it('DOMString is ToString: toString before valueOf (not `"" + v`)', function () {
    expect(toDOMString({ valueOf: () => 'arraybuffer', toString: () => 'blob' })).to.equal('blob');
  });
});

describe('webidl: a Blob class whose size getter does not brand-check (Node 14.18–17 buffer.Blob)', function () {
  const Real = globalThis.Blob;
  before(function () {
    const k = Symbol('length');
    globalThis.Blob = class Blob {
      constructor(parts) {
        this[k] = parts.length;
      }
      get size() {
        return this[k]; // undefined for anything else, no exception (as Node 14.18's)
      }
    };
  });
  after(function () {
    globalThis.Blob = Real;
  });
  it('its instances are Blobs; a plain object or an ArrayBuffer is not', function () {
    expect(isBlob(new globalThis.Blob(['x']))).to.equal(true);
    expect(isBlob({})).to.equal(false);
    expect(isBlob(new ArrayBuffer(1))).to.equal(false);
    expect(isBlob({ size: 3, type: '', slice() {}, [Symbol.toStringTag]: 'Blob' })).to.equal(false);
  });
});

// Issue 13 (speed): a failed brand check throws, and an exception per send() or per received
// message was the slowest part of both (send(Uint8Array) ran at 0.11–0.20 of the native's rate;
// binary messages at 0.20–0.41). The common values must be recognised without any throw. The
// brand-checking getters are wrapped here (counting the throws) before a fresh copy of the
// module looks them up, and put back after.
describe('webidl: no brand check throws for the values send() and the engines give (issue 13)', function () {
  const { require } = createRequireFor();
  const getters = [
    [ArrayBuffer.prototype, 'byteLength'],
    [SharedArrayBuffer.prototype, 'byteLength'],
    [Blob.prototype, 'size']
  ];
  let saved;
  let throws;
  let fresh;
  before(function () {
    throws = 0;
    saved = getters.map(([proto, name]) => [proto, name, Object.getOwnPropertyDescriptor(proto, name)]);
    for (const [proto, name, d] of saved) {
      const original = d.get;
      const counted = function () {
        try {
          return original.call(this);
        } catch (e) {
          throws++;
          throw e;
        }
      };
      Object.defineProperty(proto, name, { ...d, get: counted });
    }
    fresh = freshLoad(require, ['webidl', 'receive-queue']);
  });
  after(function () {
    for (const [proto, name, d] of saved) Object.defineProperty(proto, name, d);
    freshLoad(require, ['webidl', 'receive-queue']);
  });
  beforeEach(function () {
    throws = 0;
  });

  const values = {
    ArrayBuffer: () => new ArrayBuffer(8),
    Uint8Array: () => new Uint8Array(8),
    'Float64Array view': () => new Float64Array(new ArrayBuffer(64), 8, 2),
    DataView: () => new DataView(new ArrayBuffer(8)),
    'Node Buffer': () => Buffer.from('abc'),
    Blob: () => new Blob(['abc']),
    File: () => new File(['abc'], 'f')
  };
  const expected = { ArrayBuffer: 'buffer', Blob: 'blob', File: 'blob' };
  for (const [label, make] of Object.entries(values)) {
    it(`send(${label}): bufferSourceKind → '${expected[label] || 'view'}', no exception thrown inside`, function () {
      expect(fresh.webidl.bufferSourceKind(make())).to.equal(expected[label] || 'view');
      expect(throws).to.equal(0);
    });
  }
  it('the answers are unchanged: a SharedArrayBuffer and a view on one → TypeError; a plain object → null', function () {
    expectTypeError(() => fresh.webidl.bufferSourceKind(new SharedArrayBuffer(4)));
    expectTypeError(() => fresh.webidl.bufferSourceKind(new Uint8Array(new SharedArrayBuffer(4))));
    expect(fresh.webidl.bufferSourceKind({ toString: () => 'x' })).to.equal(null);
    expect(fresh.webidl.bufferSourceKind(Object.defineProperty(Object.create(Blob.prototype), Symbol.toStringTag, { value: 'Blob' }))).to.equal(null);
  });
  it('a received text or ArrayBuffer message: dispatched with no exception thrown inside', function () {
    const got = [];
    const q = new fresh['receive-queue'].ReceiveQueue({
      isOpen: () => true,
      currentBinaryType: () => 'arraybuffer',
      dispatchMessage: (data, blob) => got.push([data, blob]),
      closingHandshakeStarted() {},
      connectionClosed() {},
      blobUnreadable() {}
    });
    const ab = new ArrayBuffer(3);
    q.message('text');
    q.message(ab);
    expect(got).to.deep.equal([
      ['text', null],
      [ab, null]
    ]);
    expect(got[1][0]).to.equal(ab);
    expect(throws).to.equal(0);
  });
});

function createRequireFor() {
  return { require: createRequire(import.meta.url) };
}

/** A fresh copy of compiled modules (their module-level caches empty), as `{ name: exports }`. */
function freshLoad(req, names) {
  const out = {};
  for (const n of names) delete req.cache[req.resolve('../../.build/src/' + n + '.js')];
  for (const n of names) out[n] = req('../../.build/src/' + n + '.js');
  return out;
}
