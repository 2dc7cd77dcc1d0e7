// src/utf8.ts — UTF-16 well-formedness and UTF-8 encoding without TextEncoder (SPEC §2 close
// reason byte limit, SPEC §3 surrogate handling). References: Node's Buffer / TextEncoder and
// String.prototype.isWellFormed / toWellFormed — never the implementation's own output.
import { expect } from 'chai';
import fc from 'fast-check';
import { load, rng, units } from './_helpers.mjs';

const { hasUnpairedSurrogate, toWellFormed, utf8ByteLength, utf8Encode } = load('utf8');

// The engine's own ES2024 methods, kept as the reference: the implementation uses them where the
// engine has them, so the 'fallback' blocks below remove them to test the ES5 path.
const nativeIsWellFormed = String.prototype.isWellFormed;
const nativeToWellFormed = String.prototype.toWellFormed;
const isWF = (s) => nativeIsWellFormed.call(s);
const toWF = (s) => nativeToWellFormed.call(s);

/** Runs `body` twice: with the engine's own methods, and without them (ES5 engines). */
function bothPaths(title, body) {
  for (const path of ['engine methods', 'fallback without String.prototype.isWellFormed/toWellFormed']) {
    describe(`${title} (${path})`, function () {
      if (path !== 'engine methods') {
        before(function () {
          delete String.prototype.isWellFormed;
          delete String.prototype.toWellFormed;
        });
        after(function () {
          String.prototype.isWellFormed = nativeIsWellFormed;
          String.prototype.toWellFormed = nativeToWellFormed;
        });
      }
      body();
    });
  }
}

const encoder = new TextEncoder();
/** Node's own UTF-8 encoder (WHATWG Encoding: lone surrogates → EF BF BD). */
function reference(str) {
  return Array.from(encoder.encode(str));
}

// Hand-written cases: [label, string, hasUnpaired, wellFormed, utf8 bytes]
const cases = [
  ['empty', '', false, '', []],
  ['ASCII', 'abc', false, 'abc', [0x61, 0x62, 0x63]],
  ['NUL', '\u0000', false, '\u0000', [0x00]],
  ['U+007F / U+0080 boundary', '\u007f\u0080', false, '\u007f\u0080', [0x7f, 0xc2, 0x80]],
  ['U+07FF / U+0800 boundary', '\u07ff\u0800', false, '\u07ff\u0800', [0xdf, 0xbf, 0xe0, 0xa0, 0x80]],
  ['U+D7FF / U+E000 (around the surrogates)', '\ud7ff\ue000', false, '\ud7ff\ue000', [0xed, 0x9f, 0xbf, 0xee, 0x80, 0x80]],
  ['U+FFFF', '\uffff', false, '\uffff', [0xef, 0xbf, 0xbf]],
  ['valid pair U+10000', '\ud800\udc00', false, '\ud800\udc00', [0xf0, 0x90, 0x80, 0x80]],
  ['valid pair U+10FFFF', '\udbff\udfff', false, '\udbff\udfff', [0xf4, 0x8f, 0xbf, 0xbf]],
  ['emoji U+1F600', '\ud83d\ude00', false, '\ud83d\ude00', [0xf0, 0x9f, 0x98, 0x80]],
  ['lone high', '\ud800', true, '\ufffd', [0xef, 0xbf, 0xbd]],
  ['lone low', '\udc00', true, '\ufffd', [0xef, 0xbf, 0xbd]],
  ['reversed pair (low then high)', '\udc00\ud800', true, '\ufffd\ufffd', [0xef, 0xbf, 0xbd, 0xef, 0xbf, 0xbd]],
  ['high at the start', '\ud83dabc', true, '\ufffdabc', [0xef, 0xbf, 0xbd, 0x61, 0x62, 0x63]],
  ['high at the end', 'abc\ud83d', true, 'abc\ufffd', [0x61, 0x62, 0x63, 0xef, 0xbf, 0xbd]],
  ['low at the start', '\ude00abc', true, '\ufffdabc', [0xef, 0xbf, 0xbd, 0x61, 0x62, 0x63]],
  ['low at the end', 'abc\ude00', true, 'abc\ufffd', [0x61, 0x62, 0x63, 0xef, 0xbf, 0xbd]],
  ['two highs then a low', '\ud800\ud800\udc00', true, '\ufffd\ud800\udc00', [0xef, 0xbf, 0xbd, 0xf0, 0x90, 0x80, 0x80]],
  ['a pair then a lone low', '\ud800\udc00\udc00', true, '\ud800\udc00\ufffd', [0xf0, 0x90, 0x80, 0x80, 0xef, 0xbf, 0xbd]],
  ['mixed', 'a\u00e9\u20ac\ud83d\ude00\ud800b', true, 'a\u00e9\u20ac\ud83d\ude00\ufffdb',
    [0x61, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xef, 0xbf, 0xbd, 0x62]],
  ['U+FFFD itself is not a surrogate', '\ufffd', false, '\ufffd', [0xef, 0xbf, 0xbd]],
  // The regular-expression fallback needs the character before a low surrogate: runs of lone low
  // ones (at the start: the first draft looped forever there) are replaced one by one.
  ['lone lows at the start, in a run', '\udc00\udc00\udfffa', true, '\ufffd\ufffd\ufffda',
    [0xef, 0xbf, 0xbd, 0xef, 0xbf, 0xbd, 0xef, 0xbf, 0xbd, 0x61]],
  ['a pair, then lone lows in a run', '\ud800\udc00\udc00\udc00', true, '\ud800\udc00\ufffd\ufffd',
    [0xf0, 0x90, 0x80, 0x80, 0xef, 0xbf, 0xbd, 0xef, 0xbf, 0xbd]]
];

/** Random strings over every code-unit range, surrogates included (seeded: same every run). */
function generated(count, seed) {
  const random = rng(seed);
  const ranges = [
    [0x00, 0x7f],
    [0x80, 0x7ff],
    [0x800, 0xd7ff],
    [0xd800, 0xdbff], // high surrogates
    [0xdc00, 0xdfff], // low surrogates
    [0xe000, 0xffff]
  ];
  const out = [];
  for (let n = 0; n < count; n++) {
    const len = Math.floor(random() * 24);
    const codes = [];
    for (let i = 0; i < len; i++) {
      const r = random();
      if (r < 0.15) {
        // a valid pair
        codes.push(0xd800 + Math.floor(random() * 0x400), 0xdc00 + Math.floor(random() * 0x400));
      } else {
        const [lo, hi] = ranges[Math.floor(random() * ranges.length)];
        codes.push(lo + Math.floor(random() * (hi - lo + 1)));
      }
    }
    out.push(units(...codes));
  }
  return out;
}

function show(s) {
  return Array.from({ length: s.length }, (_, i) => s.charCodeAt(i).toString(16).padStart(4, '0')).join(' ');
}

describe('utf8', function () {
  it('the hand-written expectations agree with Node (sanity check of the table itself)', function () {
    for (const [label, s, , wf, bytes] of cases) {
      expect(reference(s), label).to.deep.equal(bytes);
      expect(toWF(s), label).to.equal(wf);
    }
  });

  bothPaths('hasUnpairedSurrogate', function () {
    for (const [label, s, unpaired] of cases) {
      it(label + ' → ' + unpaired, function () {
        expect(hasUnpairedSurrogate(s)).to.equal(unpaired);
      });
    }
  });

  bothPaths('toWellFormed (USVString conversion: unpaired surrogates → U+FFFD)', function () {
    for (const [label, s, , wf] of cases) {
      it(label, function () {
        expect(toWellFormed(s)).to.equal(wf);
      });
    }
    it('a string without lone surrogates comes back as the same string', function () {
      const s = 'a\ud83d\ude00'.repeat(1000);
      expect(toWellFormed(s)).to.equal(s);
    });
  });

  bothPaths('every string of up to 5 code units over a, é, both surrogate ends of both kinds', function () {
    const alphabet = [0x61, 0xe9, 0xd800, 0xdbff, 0xdc00, 0xdfff];
    const all = [''];
    for (let len = 1, layer = ['']; len <= 5; len++) {
      layer = layer.flatMap((p) => alphabet.map((c) => p + String.fromCharCode(c)));
      all.push(...layer);
    }
    it(`${all.length} strings: hasUnpairedSurrogate and toWellFormed equal the engine's ES2024 methods`, function () {
      for (const s of all) {
        if (hasUnpairedSurrogate(s) !== !isWF(s)) expect.fail('hasUnpairedSurrogate ' + show(s));
        if (toWellFormed(s) !== toWF(s)) expect.fail('toWellFormed ' + show(s) + ' → ' + show(toWellFormed(s)));
      }
    });
  });

  describe('utf8ByteLength', function () {
    for (const [label, s, , , bytes] of cases) {
      it(label + ' → ' + bytes.length, function () {
        expect(utf8ByteLength(s)).to.equal(bytes.length);
      });
    }
    it('an unpaired surrogate counts 3 bytes (as its U+FFFD)', function () {
      expect(utf8ByteLength('\ud800'.repeat(41))).to.equal(123);
      expect(utf8ByteLength('\udc00'.repeat(42))).to.equal(126);
    });
    // Issue 13: the Node entry counts with Buffer.byteLength (native) instead; both must agree on
    // every string, lone surrogates included (code units drawn from the surrogate range often).
    it("Node's Buffer.byteLength gives the same count for any string (the Node entry uses it)", function () {
      const unit = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xffff }), fc.integer({ min: 0xd800, max: 0xdfff }));
      fc.assert(
        fc.property(fc.array(unit, { maxLength: 40 }), (units) => {
          const s = String.fromCharCode(...units);
          return Buffer.byteLength(s, 'utf8') === utf8ByteLength(s);
        }),
        { numRuns: 2000 }
      );
    });
  });

  describe('utf8Encode', function () {
    for (const [label, s, , , bytes] of cases) {
      it(label, function () {
        const out = utf8Encode(s);
        expect(out).to.be.instanceOf(Uint8Array);
        expect(Array.from(out)).to.deep.equal(bytes);
      });
    }
  });

  bothPaths('agreement with Node over 3000 generated strings (all code-unit ranges, surrogates included)', function () {
    const strings = generated(3000, 0x5eed);

    it('the generator does produce lone surrogates and valid pairs', function () {
      expect(strings.some((s) => !isWF(s))).to.equal(true);
      expect(strings.some((s) => /[\ud800-\udbff][\udc00-\udfff]/.test(s))).to.equal(true);
    });

    it('hasUnpairedSurrogate(s) === !s.isWellFormed()', function () {
      for (const s of strings) expect(hasUnpairedSurrogate(s), show(s)).to.equal(!isWF(s));
    });

    it('toWellFormed(s) === s.toWellFormed()', function () {
      for (const s of strings) expect(toWellFormed(s), show(s)).to.equal(toWF(s));
    });

    it('utf8Encode(s) equals TextEncoder and Buffer.from(s.toWellFormed())', function () {
      for (const s of strings) {
        const bytes = Array.from(utf8Encode(s));
        expect(bytes, show(s)).to.deep.equal(reference(s));
        expect(bytes, show(s)).to.deep.equal(Array.from(Buffer.from(toWF(s), 'utf8')));
      }
    });

    it('utf8ByteLength(s) equals Buffer.byteLength(s.toWellFormed())', function () {
      for (const s of strings) expect(utf8ByteLength(s), show(s)).to.equal(Buffer.byteLength(toWF(s), 'utf8'));
    });
  });

  it('every single BMP code unit encodes as Node does', function () {
    for (let c = 0; c <= 0xffff; c++) {
      const s = String.fromCharCode(c);
      const ref = reference(s);
      const got = utf8Encode(s);
      expect(got.length, c.toString(16)).to.equal(ref.length);
      for (let i = 0; i < ref.length; i++) if (got[i] !== ref[i]) expect.fail('U+' + c.toString(16) + ': ' + Array.from(got) + ' vs ' + ref);
      expect(utf8ByteLength(s)).to.equal(ref.length);
    }
  });
});
