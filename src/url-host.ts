/**
 * URL Standard "host parsing" (https://url.spec.whatwg.org/#host-parsing) for special URLs,
 * used by the package's own URL parser, and to check hosts the engine's URL parser gave.
 */
import { endsInNumber, ipv4 } from './url-ipv4';
import { ipv6 } from './url-ipv6';
import { toWellFormed } from './utf8';

/** Forbidden domain code points (URL Standard). */
const FORBIDDEN = /[\u0000-\u0020#%\/:<>?@\[\\\]^|\u007f]/;

/**
 * The host parser: `[…]` is an IPv6 address; anything else is percent-decoded (UTF-8),
 * mapped to ASCII as far as this parser goes (see toASCII), checked for forbidden domain
 * code points (C0 controls, space, `#`, `%`, `/`, `:`, `<`, `>`, `?`, `@`, `[`, `\\`, `]`,
 * `^`, `|`, U+007F), and parsed as IPv4 when it ends in a number. The serialized host, or
 * null on failure.
 */
export function parseHost(input: string): string | null {
  if (input.charAt(0) === '[') {
    const address = input.charAt(input.length - 1) === ']' ? ipv6(input.slice(1, -1)) : null;
    return address && '[' + address + ']';
  }
  const domain = toASCII(percentDecode(input));
  if (!domain || FORBIDDEN.test(domain)) return null;
  return endsInNumber(domain) ? ipv4(domain) : domain;
}

/**
 * Whether a host an engine's URL parser gave (its `hostname`) holds what the URL Standard's
 * host parser fails on: a bracketed host not shaped as an IPv6 address, or a forbidden
 * domain code point once percent-decoded (Chromium keeps `ws://foo bar/` as `foo%20bar`).
 */
export function forbiddenHost(hostname: string): boolean {
  if (hostname.charAt(0) === '[') return !/^\[[0-9a-fA-F:.]*:[0-9a-fA-F:.]*\]$/.test(hostname);
  return FORBIDDEN.test(percentDecode(hostname));
}

/**
 * "Percent-decode" then "UTF-8 decode without BOM": each run of %XX bytes is decoded as
 * UTF-8; a run that is not valid UTF-8 gives U+FFFD (which fails below, however many there
 * would be). A `%` not followed by two hex digits stays, and fails as a forbidden code point.
 */
function percentDecode(s: string): string {
  return s.replace(/(%[0-9a-fA-F]{2})+/g, function (run) {
    try {
      // mujs decodes UTF-8-encoded surrogates (%ED%A0%80) without a URIError (measured,
      // test/legacy engines): a lone one becomes U+FFFD, as a UTF-8 decoder makes it.
      return toWellFormed(decodeURIComponent(run));
    } catch (e) {
      return '\ufffd';
    }
  });
}

/**
 * "Domain to ASCII", the part of UTS #46 processing this parser does: ASCII lower-casing,
 * and failure ('') for the code points UTS #46 disallows that a few ranges name: C1
 * controls, U+00A0 and U+3000 (mapped to a space), private use, noncharacters, and
 * U+FFF0–U+FFFF (U+FFFD among them: what invalid UTF-8 and lone surrogates became).
 * Other non-ASCII is left as it is (no mapping, no punycode): the engine resolves the name.
 */
function toASCII(domain: string): string {
  return /[\u0080-\u00a0\u3000\ue000-\uf8ff\ufdd0-\ufdef\ufff0-\uffff]/.test(domain) ? '' : domain.toLowerCase();
}
