/** URL Standard host checks shared by the engine's URL parser and the package's own (src/url.ts). */

/**
 * URL Standard "host parsing": a bracketed host must be (shaped like) an IPv6 address; a
 * domain, percent-decoded, must hold no forbidden domain code point (C0 controls, space,
 * `#`, `%`, `/`, `:`, `<`, `>`, `?`, `@`, `[`, `\\`, `]`, `^`, `|`, U+007F). So `%` not
 * followed by two hex digits, and `%20`, fail as a raw space does.
 */
export function forbiddenHost(hostname: string): boolean {
  if (hostname.charAt(0) === '[') return !/^\[[0-9a-fA-F:.]*:[0-9a-fA-F:.]*\]$/.test(hostname);
  return /[\u0000-\u0020#%\/:<>?@\[\\\]^|\u007f]/.test(percentDecode(hostname));
}

/** Percent-decodes %XX sequences (bytes as Latin-1 code points: only ASCII matters here). */
export function percentDecode(s: string): string {
  return s.indexOf('%') === -1
    ? s
    : s.replace(/%([0-9a-fA-F]{2})/g, function (_m, h) {
        return String.fromCharCode(parseInt(h, 16));
      });
}
