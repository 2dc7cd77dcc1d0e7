/**
 * URL Standard "IPv6 parser" and "IPv6 serializer"
 * (https://url.spec.whatwg.org/#concept-ipv6-parser): eight 16-bit pieces of one to four hex
 * digits, at most one `::` (one or more zero pieces), an IPv4 address in the last 32 bits.
 */

const hex = (n: number): string => n.toString(16);

/**
 * The IPv6 parser on the text between the brackets, then the IPv6 serializer: lower-case
 * hex without leading zeros, the first longest run of two or more zero pieces as `::`.
 * The serialized address (without brackets), or null on failure.
 */
export function ipv6(input: string): string | null {
  // "IPv4 in IPv6": four decimal numbers 0–255 without leading zeros, last, after a `:` (or
  // alone, which then fails the piece count) → the last two pieces.
  const v4 = /(^|:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(input);
  if (v4) {
    for (let i = 2; i < 6; i++) if (String(+v4[i]) !== v4[i] || +v4[i] > 255) return null;
    input = input.slice(0, v4.index + v4[1].length) + hex(+v4[2] * 256 + +v4[3]) + ':' + hex(+v4[4] * 256 + +v4[5]);
  }
  const halves = input.split('::');
  const pieces = halves[0] ? halves[0].split(':') : [];
  const tail = halves[1] ? halves[1].split(':') : [];
  // Without `::` exactly eight pieces; with one, at most seven around it.
  if (halves.length > 2 || (halves.length > 1 ? pieces.length + tail.length > 7 : pieces.length !== 8)) return null;
  while (pieces.length + tail.length < 8) pieces.push('0');
  let s = ':' + pieces.concat(tail).join(':') + ':';
  if (!/^(:[\da-f]{1,4}){8}:$/i.test(s)) return null;
  s = s.replace(/\w+/g, function (piece) {
    return hex(parseInt(piece, 16));
  });
  // Equal runs are equal strings: the first occurrence of a longest one is the first longest run.
  const run = (s.match(/:(0:){2,}/g) || []).sort(function (a, b) {
    return b.length - a.length;
  })[0];
  if (run) s = s.replace(run, '::');
  // Drop the outer colons, except where they belong to the `::`.
  return s.slice(s.charAt(1) === ':' ? 0 : 1, s.charAt(s.length - 2) === ':' ? s.length : -1);
}
