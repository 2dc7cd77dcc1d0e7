// src/blob.ts — reading a Blob (Blob#arrayBuffer, else FileReader: SPEC §4, QUIRKS §3) and making one
// (the global Blob, else a backend's Blob class: SPEC §2 binaryType).
import vm from 'node:vm';
import { expect } from 'chai';
import { load } from './_helpers.mjs';

const { readBlob, makeBlob, blobConstructor, setFallbackBlob } = load('blob');

function read(blob) {
  return new Promise((resolve) => {
    let sync = true;
    const calls = [];
    readBlob(blob, (err, ab) => {
      calls.push([err, ab, sync]);
      // give a second (buggy) callback a chance to show up
      setTimeout(() => resolve(calls), 10);
    });
    sync = false;
  });
}

/** A FileReader stand-in (what IE10/11 and old Safari have instead of Blob#arrayBuffer). */
function makeFakeFileReader(behaviour) {
  return function FakeFileReader() {
    const self = this;
    this.result = null;
    this.error = null;
    this.readAsArrayBuffer = function (blob) {
      setTimeout(function () {
        if (behaviour === 'ok') {
          self.result = new Uint8Array(blob.__bytes).buffer;
          self.onload && self.onload({ target: self });
        } else if (behaviour === 'error') {
          self.error = new Error('NotReadableError');
          self.onerror && self.onerror({ target: self });
        } else {
          self.onabort && self.onabort({ target: self });
        }
      }, 0);
    };
  };
}

describe('blob', function () {
  describe('readBlob', function () {
    it('Blob#arrayBuffer: the exact bytes, called back once and asynchronously', async function () {
      const calls = await read(new Blob([new Uint8Array([0, 255, 7])]));
      expect(calls).to.have.length(1);
      const [err, ab, sync] = calls[0];
      expect(err).to.equal(null);
      expect(sync).to.equal(false);
      expect(ab).to.be.instanceOf(ArrayBuffer);
      expect(Array.from(new Uint8Array(ab))).to.deep.equal([0, 255, 7]);
    });

    it('an empty Blob → an empty ArrayBuffer', async function () {
      const [[err, ab]] = await read(new Blob([]));
      expect(err).to.equal(null);
      expect(ab.byteLength).to.equal(0);
    });

    it('a rejected arrayBuffer(): the error, once, asynchronously', async function () {
      const error = new Error('x');
      const calls = await read({ arrayBuffer: () => Promise.reject(error) });
      expect(calls).to.have.length(1);
      expect(calls[0][0]).to.equal(error);
      expect(calls[0][2]).to.equal(false);
    });

    it('arrayBuffer() throwing synchronously: the error, once, asynchronously', async function () {
      const error = new Error('sync');
      const calls = await read({
        arrayBuffer() {
          throw error;
        }
      });
      expect(calls).to.have.length(1);
      expect(calls[0][0]).to.equal(error);
      expect(calls[0][2]).to.equal(false);
    });

    // Issue 13: the read result is recognised by instanceof first, by its tag only when it
    // comes from another realm; anything else is still an error, never bytes.
    it("arrayBuffer() giving another realm's ArrayBuffer: accepted, the same object", async function () {
      const foreign = vm.runInNewContext('new Uint8Array([1, 2]).buffer');
      const calls = await read({ arrayBuffer: () => Promise.resolve(foreign) });
      expect(calls).to.have.length(1);
      expect(calls[0][0]).to.equal(null);
      expect(calls[0][1]).to.equal(foreign);
    });

    it('arrayBuffer() giving a Uint8Array or a plain object: a TypeError, once', async function () {
      for (const bad of [new Uint8Array(2), { byteLength: 2 }]) {
        const calls = await read({ arrayBuffer: () => Promise.resolve(bad) });
        expect(calls).to.have.length(1);
        expect(calls[0][0]).to.be.instanceOf(TypeError);
        expect(calls[0][0].message).to.equal('websocket-shim: Blob#arrayBuffer() did not give an ArrayBuffer');
        expect(calls[0][1]).to.equal(undefined);
      }
    });

    describe('FileReader fallback (no Blob#arrayBuffer)', function () {
      let saved;
      let had;
      beforeEach(function () {
        had = Object.prototype.hasOwnProperty.call(globalThis, 'FileReader');
        saved = globalThis.FileReader;
      });
      afterEach(function () {
        if (had) globalThis.FileReader = saved;
        else delete globalThis.FileReader;
      });

      it('reads through FileReader.readAsArrayBuffer', async function () {
        globalThis.FileReader = makeFakeFileReader('ok');
        const calls = await read({ __bytes: [1, 2, 3], size: 3 });
        expect(calls).to.have.length(1);
        expect(calls[0][0]).to.equal(null);
        expect(Array.from(new Uint8Array(calls[0][1]))).to.deep.equal([1, 2, 3]);
      });

      it('a FileReader error → the error, once', async function () {
        globalThis.FileReader = makeFakeFileReader('error');
        const calls = await read({ __bytes: [], size: 0 });
        expect(calls).to.have.length(1);
        expect(calls[0][0]).to.be.instanceOf(Error);
      });

      it('a FileReader abort → an error, once', async function () {
        globalThis.FileReader = makeFakeFileReader('abort');
        const calls = await read({ __bytes: [], size: 0 });
        expect(calls).to.have.length(1);
        expect(calls[0][0]).to.be.instanceOf(Error);
      });

      it('neither arrayBuffer nor FileReader → an error, once, asynchronously', async function () {
        delete globalThis.FileReader;
        const calls = await read({ size: 0 });
        expect(calls).to.have.length(1);
        expect(calls[0][0]).to.be.instanceOf(Error);
        expect(calls[0][2]).to.equal(false);
      });
    });
  });

  describe('making Blobs', function () {
    afterEach(function () {
      setFallbackBlob(null);
    });

    it('blobConstructor() is the global Blob on Node 20', function () {
      expect(blobConstructor()).to.equal(globalThis.Blob);
    });

    it('makeBlob(ab) holds exactly the bytes', async function () {
      const b = makeBlob(new Uint8Array([5, 6, 7]).buffer);
      expect(b).to.be.instanceOf(Blob);
      expect(b.size).to.equal(3);
      expect(Array.from(new Uint8Array(await b.arrayBuffer()))).to.deep.equal([5, 6, 7]);
    });

    it('without a global Blob: the fallback class, else null', function () {
      const saved = globalThis.Blob;
      try {
        globalThis.Blob = undefined;
        expect(blobConstructor()).to.equal(null);
        expect(makeBlob(new ArrayBuffer(1))).to.equal(null);
        class FallbackBlob {
          constructor(parts) {
            this.parts = parts;
          }
        }
        setFallbackBlob(FallbackBlob);
        expect(blobConstructor()).to.equal(FallbackBlob);
        const ab = new ArrayBuffer(2);
        const b = makeBlob(ab);
        expect(b).to.be.instanceOf(FallbackBlob);
        expect(b.parts).to.deep.equal([ab]);
      } finally {
        globalThis.Blob = saved;
      }
    });
  });
});
