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

// URL Standard host forms (the own parser's host parser, src/url-host.ts, against Node's):
// IPv4 numbers written in decimal, octal (leading 0) and hex (0x/0X), 1–5 parts, values at
// every range boundary, a trailing dot, digits outside the radix; IPv6 with runs of zeros,
// `::` anywhere, leading zeros, upper case, an IPv4 tail, and broken ones; hosts with any of
// their code points percent-encoded (UTF-8, either hex case), %2e, %25, invalid UTF-8.
const ipv4Value = fc.oneof(
  fc.constantFrom(0, 1, 7, 8, 127, 255, 256, 65535, 65536, 2 ** 24 - 1, 2 ** 24, 2 ** 32 - 1, 2 ** 32, 2 ** 40),
  fc.integer({ min: 0, max: 2 ** 32 + 5 })
);
const ipv4Part = fc
  .tuple(ipv4Value, fc.constantFrom('dec', 'oct', 'hex', 'HEX', 'bad'), fc.constantFrom('09', '0x', '0xg', '08', '', '1e2', '0x-1'))
  .map(([n, form, bad]) =>
    form === 'dec' ? String(n) : form === 'oct' ? '0' + n.toString(8) : form === 'hex' ? '0x' + n.toString(16) : form === 'HEX' ? '0X' + n.toString(16).toUpperCase() : bad
  );
export const ipv4HostArb = fc
  .tuple(fc.array(ipv4Part, { minLength: 1, maxLength: 5 }), fc.constantFrom('', '', '.', '..'), fc.constantFrom('', 'a.', 'foo.'))
  .map(([parts, trail, label]) => label + parts.join('.') + trail);

const ipv6Piece = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 0xffff }) });
export const ipv6HostArb = fc
  .tuple(
    fc.array(ipv6Piece, { minLength: 8, maxLength: 8 }),
    fc.nat(8), // where `::` starts
    fc.nat(8), // how many pieces it stands for
    fc.boolean(), // the last 32 bits as dotted IPv4
    fc.constantFrom('lower', 'upper', 'pad'),
    fc.constantFrom('', '', '', ':', '::', ':1', '1:', '.1', '%31', 'g', ':::')
  )
  .map(([pieces, at, len, dotted, style, noise]) => {
    let text = pieces.map((n) => (style === 'upper' ? n.toString(16).toUpperCase() : style === 'pad' ? n.toString(16).padStart(4, '0') : n.toString(16)));
    if (dotted) text = [...text.slice(0, 6), [pieces[6] >> 8, pieces[6] & 255, pieces[7] >> 8, pieces[7] & 255].join('.')];
    const start = Math.min(at, text.length);
    const end = Math.min(start + len, text.length);
    const s = len ? text.slice(0, start).join(':') + '::' + text.slice(end).join(':') : text.join(':');
    const noisy = noise ? (at % 2 ? s + noise : noise + s) : s;
    return '[' + noisy + ']';
  });

/** A host with some of its code points percent-encoded (as UTF-8 bytes). */
export const percentHostArb = fc
  .tuple(
    fc.oneof(fc.constantFrom('example.com', 'EXAMPLE.com', 'a.b', 'h', 'foo bar', 'a<b', 'a%b', 'x.y.', '\u00e9.com', '\u00e9.1'), ipv4HostArb),
    fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    fc.boolean(),
    fc.constantFrom('', '', '%2e', '%2E', '%25', '%ff', '%c3', '%c3%a9', '%41', '%3a', '%00', '%')
  )
  .map(([host, which, upper, extra]) => {
    const out = [...host].map((c, i) => (which[i % 12] ? [...Buffer.from(c)].map((b) => '%' + b.toString(16).padStart(2, '0')).join('') : c)).join('') + extra;
    return upper ? out.toUpperCase() : out;
  });

const hostArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...hosts) },
  { weight: 2, arbitrary: ipv4HostArb },
  { weight: 2, arbitrary: ipv6HostArb },
  { weight: 2, arbitrary: percentHostArb }
);
const ports = fc.oneof(fc.constantFrom('', ':', ':0', ':80', ':443', ':6000', ':65535', ':65536', ':-1', ':abc', ':0080'), fc.integer({ min: 0, max: 70000 }).map((p) => ':' + p));
const pathish = fc.array(fc.constantFrom('/', 'a', '%', '%20', ' ', '?', '#', '\u00e9', '\ud800', '..', '\\', '\t'), { maxLength: 8 }).map((a) => a.join(''));

export const urlArb = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom('ws', 'wss', 'http', 'https', 'WS', 'Https', 'ftp', 'file', 'javascript', 'ws+unix'), fc.constantFrom('://', ':', ':/', ':///'), hostArb, ports, pathish).map((p) => p.join('')) },
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
