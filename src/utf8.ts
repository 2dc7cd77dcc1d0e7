/**
 * UTF-8 and UTF-16 well-formedness, without TextEncoder (IE, old Node, ES5 engines).
 * SPEC §2: close reasons are limited to 123 UTF-8 *bytes*; SPEC §3: unpaired surrogates
 * are a SyntaxError (strict) or become U+FFFD (standard, USVString conversion).
 */

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Any surrogate code unit: a quick native test before the exact scan. */
const SURROGATE = /[\ud800-\udfff]/;

/**
 * An unpaired surrogate, found by the regular-expression engine instead of a JavaScript loop (ES3
 * syntax: no lookbehind): a high one not followed by a low one, or a low one at the start or
 * after anything but a high one. Used as a yes/no test only (engines disagree on match offsets).
 */
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/;

/** The engine's own String.prototype method (ES2024: Node 20, Chromium 111, Safari 16.4), if any. */
function nativeString(name: string): ((this: string) => any) | null {
  const f = (String.prototype as any)[name];
  return typeof f === 'function' ? f : null;
}

/** True when `str` holds a high surrogate not followed by a low one, or a lone low one. */
export function hasUnpairedSurrogate(str: string): boolean {
  const isWellFormed = nativeString('isWellFormed');
  if (isWellFormed) return !isWellFormed.call(str);
  return SURROGATE.test(str) && LONE.test(str);
}

/** Web IDL USVString conversion: every unpaired surrogate becomes U+FFFD. */
export function toWellFormed(str: string): string {
  const native = nativeString('toWellFormed');
  if (native) return native.call(str);
  if (!hasUnpairedSurrogate(str)) return str;
  // Unchanged runs are copied as slices, not character by character. Positions come from
  // charCodeAt, never from a regular expression: mujs 1.3 gives lastIndex in UTF-8 bytes.
  let out = '';
  let last = 0;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (isHigh(c) && i + 1 < str.length && isLow(str.charCodeAt(i + 1))) {
      i++;
      continue;
    }
    out += str.slice(last, i) + '\ufffd';
    last = i + 1;
  }
  return out + str.slice(last);
}

/** Only U+0000–U+007F: one UTF-8 byte per code unit. */
const ASCII = /^[\u0000-\u007f]*$/;

let nativeByteLength: ((str: string) => number) | null = null;

/** Node entry: the runtime's own count (Buffer.byteLength, native; lone surrogates count 3). */
export function setNativeByteLength(fn: (str: string) => number): void {
  nativeByteLength = fn;
}

/**
 * Byte length of the UTF-8 encoding of a well-formed string
 * (an unpaired surrogate counts 3 bytes, as its U+FFFD replacement does).
 */
export function utf8ByteLength(str: string): number {
  if (nativeByteLength) return nativeByteLength(str);
  if (ASCII.test(str)) return str.length;
  let bytes = 0;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (isHigh(c) && i + 1 < str.length && isLow(str.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** UTF-8 encoding of a string (unpaired surrogates as U+FFFD), for engines without TextEncoder. */
export function utf8Encode(str: string): Uint8Array {
  const out = new Uint8Array(utf8ByteLength(str));
  let p = 0;
  for (let i = 0; i < str.length; i++) {
    let c = str.charCodeAt(i);
    if (isHigh(c) && i + 1 < str.length && isLow(str.charCodeAt(i + 1))) {
      c = 0x10000 + ((c - 0xd800) << 10) + (str.charCodeAt(i + 1) - 0xdc00);
      i++;
    } else if (isHigh(c) || isLow(c)) {
      c = 0xfffd;
    }
    if (c < 0x80) out[p++] = c;
    else if (c < 0x800) {
      out[p++] = 0xc0 | (c >> 6);
      out[p++] = 0x80 | (c & 63);
    } else if (c < 0x10000) {
      out[p++] = 0xe0 | (c >> 12);
      out[p++] = 0x80 | ((c >> 6) & 63);
      out[p++] = 0x80 | (c & 63);
    } else {
      out[p++] = 0xf0 | (c >> 18);
      out[p++] = 0x80 | ((c >> 12) & 63);
      out[p++] = 0x80 | ((c >> 6) & 63);
      out[p++] = 0x80 | (c & 63);
    }
  }
  return out;
}
