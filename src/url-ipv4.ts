/**
 * URL Standard "ends in a number checker", "IPv4 parser" and "IPv4 serializer"
 * (https://url.spec.whatwg.org/#concept-ipv4-parser). Plain numbers, no 32-bit bit
 * operations: every value that passes the range checks is below 2^32, exact in a double.
 */

/** "IPv4 number parser": 0x/0X → hex ("0x" alone is 0), a leading 0 → octal, else decimal; NaN on failure. */
function ipv4Number(part: string): number {
  const m = /^(?:0x([\da-f]*)|(0[0-7]*)|([1-9]\d*))$/i.exec(part);
  return m ? parseInt(m[2] || m[3] || m[1] || '0', m[2] ? 8 : m[3] ? 10 : 16) : NaN;
}

/**
 * "Ends in a number checker": the last label (after one trailing dot) is all digits, or
 * an IPv4 number (the only other form: 0x and hex digits).
 */
export function endsInNumber(host: string): boolean {
  return /(^|\.)(\d+|0x[\da-f]*)\.?$/i.test(host);
}

/**
 * "IPv4 parser" then "IPv4 serializer", on a host that ends in a number: 1–4 parts; every
 * part but the last below 256; the last below 256^(5 − parts), filling the remaining bytes.
 * Dotted decimal, or null on failure.
 */
export function ipv4(host: string): string | null {
  const parts = host.replace(/\.$/, '').split('.');
  let address = 0;
  for (let i = 0; i < parts.length; i++) {
    const limit = i < parts.length - 1 ? 256 : Math.pow(256, 5 - parts.length);
    const n = ipv4Number(parts[i]);
    // !(NaN < limit): a part that is no number fails; so do five parts or more (limit 1).
    if (!(n < limit)) return null;
    address = address * limit + n;
  }
  return [16777216, 65536, 256, 1]
    .map(function (d) {
      return Math.floor(address / d) % 256;
    })
    .join('.');
}
