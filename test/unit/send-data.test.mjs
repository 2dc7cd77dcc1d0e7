// src/send-data.ts — send()'s argument after the CONNECTING check (SPEC §3): strict rejects an
// unpaired surrogate; standard sends it as U+FFFD, converting the string itself unless the
// engine's own encoding does exactly that (Backend.encodesUSV: `ws` and undici).
import { expect } from 'chai';
import fc from 'fast-check';
import { load, expectDOMException } from './_helpers.mjs';

const { checkText, sizeOf } = load('send-data');

const text = (s) => ({ payload: s, kind: 'text' });
const LONE = ['a\ud800b', '\udc00', '\ud83d\ude00\ud83d', '\udc00\ud800', 'x'.repeat(100) + '\ud800'];

describe('send-data: checkText', function () {
  describe('standard mode', function () {
    it('an engine that does not encode USVString itself: every unpaired surrogate becomes U+FFFD here', function () {
      expect(checkText(text('a\ud800b'), 'standard').payload).to.equal('a\ufffdb');
      expect(checkText(text('\udc00\ud800'), 'standard', false).payload).to.equal('\ufffd\ufffd');
      expect(checkText(text('\ud83d\ude00\ud83d'), 'standard', undefined).payload).to.equal('\ud83d\ude00\ufffd');
    });

    it('an engine that encodes USVString itself: the string is handed over as it is', function () {
      for (const s of LONE) expect(checkText(text(s), 'standard', true).payload).to.equal(s);
    });

    it('either way bufferedAmount counts an unpaired surrogate as its U+FFFD: 3 bytes', function () {
      for (const s of LONE) {
        const expected = Buffer.byteLength(s.toWellFormed());
        expect(sizeOf(checkText(text(s), 'standard', true)), s).to.equal(expected);
        expect(sizeOf(checkText(text(s), 'standard', false)), s).to.equal(expected);
      }
      expect(sizeOf(checkText(text('a\ud800b'), 'standard', true))).to.equal(5);
    });

    it('binary data and Blobs are not touched', function () {
      const buf = new ArrayBuffer(2);
      for (const engine of [true, false]) {
        expect(checkText({ payload: buf, kind: 'binary' }, 'standard', engine).payload).to.equal(buf);
      }
    });
  });

  describe('strict mode', function () {
    it('an unpaired surrogate is a SyntaxError whatever the engine would do with it', function () {
      for (const s of LONE) {
        for (const engine of [true, false, undefined]) expectDOMException(() => checkText(text(s), 'strict', engine), 'SyntaxError');
      }
    });

    it('a well-formed string passes unchanged', function () {
      expect(checkText(text('ok\u{1F600}'), 'strict', true).payload).to.equal('ok\u{1F600}');
    });
  });
});

// What Backend.encodesUSV relies on for `ws` and undici: Node's UTF-8 encoder gives the
// bytes of the USVString (this Node; the integration suites check the wire on every Node 10–24).
describe('send-data: Node encodes any string as its USVString (why ws and undici get the string as it is)', function () {
  const unit = fc.oneof(
    fc.constantFrom(0xd800, 0xdbff, 0xdc00, 0xdfff, 0xd83d, 0xde00, 0x41, 0xe9, 0x20ac, 0xfffd, 0),
    fc.integer({ min: 0, max: 0xffff })
  );
  const str = fc.array(unit, { maxLength: 40 }).map((units) => String.fromCharCode(...units));

  it('Buffer.from(s) equals Buffer.from(s.toWellFormed()), and the byte counts agree', function () {
    fc.assert(
      fc.property(str, (s) => {
        expect(Buffer.from(s).equals(Buffer.from(s.toWellFormed())), JSON.stringify(s)).to.equal(true);
        expect(Buffer.byteLength(s)).to.equal(sizeOf(checkText(text(s), 'standard', true)));
      }),
      { numRuns: 3000 }
    );
  });
});
