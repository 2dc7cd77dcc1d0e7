// src/close-args.ts — close(code, reason) conversions and validation (SPEC §2 "close(code, reason)",
// SPEC §3 modes; WHATWG WebSockets close() steps 1–2; Web IDL [Clamp] unsigned short / USVString).
import { expect } from 'chai';
import { load, expectDOMException, expectTypeError } from './_helpers.mjs';

const { validateClose } = load('close-args');

const MODES = ['strict', 'standard'];

function args() {
  return arguments;
}

/** Builds a string of exactly `bytes` UTF-8 bytes from `unit` (a 1–4 byte character) plus ASCII padding. */
function reasonOf(unit, bytes) {
  const w = Buffer.byteLength(unit);
  const n = Math.floor(bytes / w);
  return unit.repeat(n) + 'a'.repeat(bytes - n * w);
}

describe('close-args: validateClose(args, mode)', function () {
  describe('Web IDL conversions of code ([Clamp] unsigned short) then step 1 (1000 or 3000–4999)', function () {
    // [input, clamped code per Web IDL, label]
    const vectors = [
      [-1, 0],
      [0, 0],
      [999, 999],
      [1000, 1000],
      [1000.5, 1000, 'tie to even'],
      [1000.7, 1001],
      [1001, 1001],
      [1005, 1005],
      [1006, 1006],
      [1015, 1015],
      [2999, 2999],
      [2999.5, 3000, 'tie to even'],
      [3000, 3000],
      [3001.3, 3001],
      [4999, 4999],
      [4999.5, 5000, 'tie to even'],
      [5000, 5000],
      [65535, 65535],
      [65536, 65535, 'clamped'],
      [66536, 65535, 'clamped, not wrapped to 1000'],
      [NaN, 0],
      [Infinity, 65535],
      [-Infinity, 0],
      ['1000', 1000],
      ['  1000 ', 1000],
      ['text', 0],
      [null, 0],
      [true, 1],
      [false, 0],
      [{ valueOf() { return 3000; } }, 3000]
    ];
    const valid = (c) => c === 1000 || (c >= 3000 && c <= 4999);
    for (const mode of MODES) {
      describe(mode + ' mode', function () {
        for (const [input, code, label] of vectors) {
          const shown = typeof input === 'string' ? JSON.stringify(input) : typeof input === 'object' && input ? '{valueOf: 3000}' : String(input);
          if (valid(code)) {
            it('close(' + shown + ') → {code: ' + code + '}' + (label ? ' (' + label + ')' : ''), function () {
              expect(validateClose([input], mode)).to.deep.equal({ code: code });
            });
          } else {
            it('close(' + shown + ') → InvalidAccessError (code ' + code + ')' + (label ? ' (' + label + ')' : ''), function () {
              expectDOMException(() => validateClose([input], mode), 'InvalidAccessError');
            });
          }
        }
        it('close(undefined) is close(): undefined means absent', function () {
          expect(validateClose([undefined], mode)).to.deep.equal(validateClose([], mode));
        });
        it('close(Symbol()) → TypeError', function () {
          expectTypeError(() => validateClose([Symbol()], mode));
        });
        it('close(10n) → TypeError', function () {
          expectTypeError(() => validateClose([10n], mode));
        });
      });
    }
    it('WPT Close-NaN / Close-null / Close-string: close(NaN), close(null), close("text") → InvalidAccessError', function () {
      for (const v of [NaN, null, 'text']) expectDOMException(() => validateClose([v], 'strict'), 'InvalidAccessError');
    });
    it('WPT Secure-Close-1005: 1005 → InvalidAccessError', function () {
      expectDOMException(() => validateClose([1005], 'standard'), 'InvalidAccessError');
    });
    it('WPT Secure-Close-onlyReason: close("reason") is a code, not a reason → InvalidAccessError', function () {
      expectDOMException(() => validateClose(['reason'], 'standard'), 'InvalidAccessError');
    });
    it('works with a real arguments object', function () {
      expect(validateClose(args(3000, 'bye'), 'strict')).to.deep.equal({ code: 3000, reason: 'bye' });
      expect(validateClose(args(), 'standard')).to.deep.equal({});
    });
  });

  describe('step 2: reason longer than 123 UTF-8 bytes → SyntaxError', function () {
    const units = [
      ['1-byte', 'a'],
      ['2-byte', '\u00e9'],
      ['3-byte', '\u20ac'],
      ['4-byte', '\ud83d\ude00']
    ];
    for (const mode of MODES) {
      describe(mode + ' mode', function () {
        for (const [label, unit] of units) {
          it(label + ' characters: 123 bytes OK, returned unchanged', function () {
            const r = reasonOf(unit, 123);
            expect(Buffer.byteLength(r)).to.equal(123);
            expect(validateClose([1000, r], mode)).to.deep.equal({ code: 1000, reason: r });
          });
          it(label + ' characters: 124 bytes → SyntaxError (code 12)', function () {
            const r = reasonOf(unit, 124);
            expect(Buffer.byteLength(r)).to.equal(124);
            expectDOMException(() => validateClose([1000, r], mode), 'SyntaxError');
          });
        }
        it('bytes, not characters: 62 × "é" (62 chars, 124 bytes) → SyntaxError', function () {
          expectDOMException(() => validateClose([4000, '\u00e9'.repeat(62)], mode), 'SyntaxError');
        });
        it('bytes, not characters: 31 × U+1F600 (62 code units, 124 bytes) → SyntaxError; 30 + "abc" OK', function () {
          expectDOMException(() => validateClose([4000, '\ud83d\ude00'.repeat(31)], mode), 'SyntaxError');
          const ok = '\ud83d\ude00'.repeat(30) + 'abc';
          expect(validateClose([4000, ok], mode)).to.deep.equal({ code: 4000, reason: ok });
        });
        it('the reason is checked even without a code: close(undefined, 124 bytes) → SyntaxError', function () {
          expectDOMException(() => validateClose([undefined, 'x'.repeat(124)], mode), 'SyntaxError');
        });
        it('code check before reason check: close(999, 124 bytes) → InvalidAccessError', function () {
          expectDOMException(() => validateClose([999, 'x'.repeat(124)], mode), 'InvalidAccessError');
          expectDOMException(() => validateClose([NaN, 'x'.repeat(500)], mode), 'InvalidAccessError');
        });
        it('conversions before validation: close(999, Symbol()) → TypeError, not InvalidAccessError', function () {
          expectTypeError(() => validateClose([999, Symbol()], mode));
        });
        it('close(Symbol(), 124 bytes) → TypeError', function () {
          expectTypeError(() => validateClose([Symbol(), 'x'.repeat(124)], mode));
        });
        it('the reason is converted with ToString: close(3000, {toString}) and close(3000, 42)', function () {
          expect(validateClose([3000, { toString() { return 'r'; } }], mode)).to.deep.equal({ code: 3000, reason: 'r' });
          expect(validateClose([3000, 42], mode)).to.deep.equal({ code: 3000, reason: '42' });
          expect(validateClose([3000, null], mode)).to.deep.equal({ code: 3000, reason: 'null' });
        });
        it('close(1000, undefined): the reason is absent', function () {
          expect(validateClose([1000, undefined], mode)).to.deep.equal({ code: 1000 });
        });
        it('close(3000, ""): an empty reason is allowed', function () {
          const r = validateClose([3000, ''], mode);
          expect(r.code).to.equal(3000);
          expect(r.reason === undefined || r.reason === '').to.equal(true);
        });
        it('SPEC §2: a reason without a code → {code: 1000, reason}', function () {
          expect(validateClose([undefined, 'bye'], mode)).to.deep.equal({ code: 1000, reason: 'bye' });
        });
      });
    }
  });

  describe('SPEC §3: close() with neither code nor reason', function () {
    it('strict → {code: 1000} exactly', function () {
      expect(validateClose([], 'strict')).to.deep.equal({ code: 1000 });
      expect(validateClose([undefined, undefined], 'strict')).to.deep.equal({ code: 1000 });
    });
    it('standard → {} (a close frame with no body)', function () {
      expect(validateClose([], 'standard')).to.deep.equal({});
      expect(validateClose([undefined, undefined], 'standard')).to.deep.equal({});
    });
  });

  describe('SPEC §3: unpaired surrogates in the reason', function () {
    const lone = ['\ud800', '\udc00', '\udc00\ud800', 'ok\ud83d', '\ude00ok'];
    describe('strict → SyntaxError', function () {
      for (const s of lone) {
        it(JSON.stringify(s), function () {
          expectDOMException(() => validateClose([1000, s], 'strict'), 'SyntaxError');
          expectDOMException(() => validateClose([undefined, s], 'strict'), 'SyntaxError');
        });
      }
      it('a valid pair is not an unpaired surrogate', function () {
        expect(validateClose([1000, 'a\ud83d\ude00'], 'strict')).to.deep.equal({ code: 1000, reason: 'a\ud83d\ude00' });
      });
      it('invalid code + lone surrogate → InvalidAccessError (code first)', function () {
        expectDOMException(() => validateClose([2000, '\ud800'], 'strict'), 'InvalidAccessError');
      });
    });
    describe('standard → replaced with U+FFFD (USVString), counted as 3 bytes', function () {
      for (const s of lone) {
        it(JSON.stringify(s), function () {
          const r = validateClose([1000, s], 'standard');
          expect(r).to.deep.equal({ code: 1000, reason: s.toWellFormed() });
        });
      }
      it('41 lone surrogates = 123 bytes → OK (reason is 41 × U+FFFD)', function () {
        const r = validateClose([3000, '\ud800'.repeat(41)], 'standard');
        expect(r).to.deep.equal({ code: 3000, reason: '\ufffd'.repeat(41) });
      });
      it('42 lone surrogates = 126 bytes → SyntaxError', function () {
        expectDOMException(() => validateClose([3000, '\udc00'.repeat(42)], 'standard'), 'SyntaxError');
      });
      it('120 ASCII bytes + 1 lone surrogate = 123 OK; 121 + 1 = 124 → SyntaxError', function () {
        expect(validateClose([1000, 'a'.repeat(120) + '\ud800'], 'standard').reason).to.equal('a'.repeat(120) + '\ufffd');
        expectDOMException(() => validateClose([1000, 'a'.repeat(121) + '\ud800'], 'standard'), 'SyntaxError');
      });
    });
  });
});
