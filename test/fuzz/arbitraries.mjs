// fast-check generators for every boundary the conversions have (issue 10 "Proof"): ±0, NaN,
// ±Infinity, fractions near .5, huge numbers, strings with unpaired surrogates in every position
// and multi-byte characters around the 123-byte reason limit, objects whose toString / valueOf
// throw, Symbols, BigInts.
import fc from 'fast-check';

/** What a throwing toString / valueOf throws: must come out of the conversion as it is. */
export class Thrown {
  constructor(where) {
    this.where = where;
  }
}

export const hostile = fc.constantFrom(
  { toString() { throw new Thrown('toString'); } },
  { valueOf() { throw new Thrown('valueOf'); }, toString() { return '3000'; } },
  { [Symbol.toPrimitive]() { throw new Thrown('toPrimitive'); } },
  { toString() { return {}; }, valueOf() { return {}; } }, // TypeError: no primitive
  Symbol('s'),
  Object(Symbol('boxed'))
);

const specialNumbers = fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1e21, -1e21, 2 ** 53, Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE, 65535, 65536, -1);

/** Numbers around every code boundary, and x.5 (round half to even). */
const nearBoundary = fc
  .tuple(fc.constantFrom(999, 1000, 1001, 2999, 3000, 3001, 4999, 5000, 65534, 65535, 0, 1), fc.constantFrom(0, 0.5, -0.5, 0.49999999999, 0.5000000001, 1e-12, -1e-12, 1.5))
  .map(([n, d]) => n + d);

export const codeArb = fc.oneof(
  { weight: 3, arbitrary: nearBoundary },
  { weight: 2, arbitrary: specialNumbers },
  { weight: 2, arbitrary: fc.integer({ min: -100, max: 70000 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.bigInt({ min: -5000n, max: 5000n }) },
  { weight: 1, arbitrary: fc.constantFrom('1000', ' 3000 ', '0x0bb8', '3e3', '', 'abc', null, true, false, [], [3000], {}, undefined) },
  { weight: 1, arbitrary: hostile }
);

/** Characters by UTF-8 length, plus both halves of a surrogate pair alone. */
const piece = fc.constantFrom('a', 'Z', ' ', '\u00e9', '\u20ac', '\ud83d\ude00', '\ud800', '\udfff', '\u0000', '\uffff');

/** Strings of 0–140 pieces: lengths in bytes from 0 to well past 123, surrogates anywhere. */
export const textArb = fc.oneof(
  fc.array(piece, { maxLength: 140 }).map((a) => a.join('')),
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((a) => String.fromCharCode(...a)),
  fc.string({ maxLength: 130 })
);

/** Exactly around the 123-byte limit: n ASCII bytes, then one multi-byte character. */
export const reasonAtLimit = fc
  .tuple(fc.integer({ min: 117, max: 124 }), fc.constantFrom('', '\u00e9', '\u20ac', '\ud83d\ude00', '\ud800'))
  .map(([n, c]) => 'r'.repeat(n) + c);

export const reasonArb = fc.oneof(
  { weight: 4, arbitrary: textArb },
  { weight: 3, arbitrary: reasonAtLimit },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, 0, -0, NaN, 123, true, [], ['a', 'b'], {}) },
  { weight: 1, arbitrary: hostile }
);

/** close()'s argument lists: none, a code, a code and a reason, with undefined anywhere. */
export const closeArgsArb = fc.oneof(
  fc.constant([]),
  codeArb.map((c) => [c]),
  fc.tuple(codeArb, reasonArb),
  reasonArb.map((r) => [undefined, r])
);

/** Bytes and every way of viewing them (offsets, element sizes, DataView). */
const bytesArb = fc.uint8Array({ maxLength: 64 });
export const binaryArb = fc.oneof(
  bytesArb.map((b) => b.buffer.slice(0)),
  bytesArb.map((b) => new Uint8Array(b)),
  fc.tuple(bytesArb, fc.nat(8)).map(([b, o]) => new Uint8Array(b.buffer, Math.min(o, b.length))),
  bytesArb.map((b) => new Uint16Array(b.buffer.slice(0, b.length - (b.length % 2)))),
  fc.tuple(bytesArb, fc.nat(8)).map(([b, o]) => new DataView(b.buffer, Math.min(o, b.length))),
  bytesArb.map((b) => new Float64Array(b.buffer.slice(0, b.length - (b.length % 8)))),
  bytesArb.map((b) => Buffer.from(b))
);

export const sendArb = fc.oneof(
  { weight: 4, arbitrary: textArb },
  { weight: 4, arbitrary: binaryArb },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, 0, -0, NaN, 1.5, true, 10n, [1, 2], {}, { toString: () => 'custom' }) },
  { weight: 1, arbitrary: hostile }
);

const hosts = ['127.0.0.1', 'localhost', 'example.com', 'EXAMPLE.com', '[::1]', 'xn--nxasmq6b.com', 'ex ample.com', 'a<b', 'a%zz', 'a%41', 'a|b', 'a^b', 'm\u00fcnchen.de', '', '0x7f.1', '256.0.0.1', 'a\ud800b', 'foo.', '%2e'];
const ports = fc.oneof(fc.constantFrom('', ':', ':0', ':80', ':443', ':6000', ':65535', ':65536', ':-1', ':abc', ':0080'), fc.integer({ min: 0, max: 70000 }).map((p) => ':' + p));
const pathish = fc.array(fc.constantFrom('/', 'a', '%', '%20', ' ', '?', '#', '\u00e9', '\ud800', '..', '\\', '\t'), { maxLength: 8 }).map((a) => a.join(''));

export const urlArb = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom('ws', 'wss', 'http', 'https', 'WS', 'Https', 'ftp', 'file', 'javascript', 'ws+unix'), fc.constantFrom('://', ':', ':/', ':///'), fc.constantFrom(...hosts), ports, pathish).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: hostile }
);

const tokenish = fc.oneof(
  fc.constantFrom('chat', 'CHAT', 'Chat', 'v1.json', 'a', "!#$%&'*+-.^_`|~", 'a b', '', 'caf\u00e9', 'a,b', 'a;b', '\ud800', 'x\u0000'),
  fc.string({ minLength: 0, maxLength: 6 })
);
export const protocolsArb = fc.oneof(
  { weight: 4, arbitrary: fc.array(tokenish, { maxLength: 5 }) },
  { weight: 2, arbitrary: tokenish },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, 0, true, {}, new String('chat'), new Set(['a', 'A'])) },
  { weight: 1, arbitrary: hostile }
);
