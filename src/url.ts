/**
 * The constructor's URL and protocol steps (SPEC §2 "Constructor"; WHATWG WebSockets
 * "new WebSocket(url, protocols)" steps 1–7; Fetch "bad port").
 * Uses the host's URL parser where it has a working one, else a small parser of its own
 * (IE10/11, Safari < 7, duktape and mujs have no `URL`).
 */
import { getGlobal } from './global';
import { domException } from './errors';
import { toDOMString } from './webidl';
import { toWellFormed } from './utf8';
import { Mode } from './modes';

export interface ParsedURL {
  /** Serialized absolute URL, ws: or wss:. */
  href: string;
  /** Serialized origin of the URL (MessageEvent.origin). */
  origin: string;
  /** Effective port (default 80/443 when none is written). */
  port: number;
  secure: boolean;
}

/** Fetch Standard "bad port" list (https://fetch.spec.whatwg.org/#port-blocking). */
const BAD_PORTS: { [port: number]: true } = /*#__PURE__*/ (function () {
  const table: { [port: number]: true } = {};
  (
    '0 1 7 9 11 13 15 17 19 20 21 22 23 25 37 42 43 53 69 77 79 87 95 101 102 103 104 109 110 111 113 ' +
    '115 117 119 123 135 137 139 143 161 179 389 427 465 512 513 514 515 526 530 531 532 540 548 554 556 ' +
    '563 587 601 636 989 990 993 995 1719 1720 1723 2049 3659 4045 4190 5060 5061 6000 6566 6665 6666 ' +
    '6667 6668 6669 6679 6697 10080'
  )
    .split(' ')
    .forEach(function (p) {
      table[+p] = true;
    });
  return table;
})();

export function isBadPort(port: number): boolean {
  return BAD_PORTS[port] === true;
}

/** The API base URL (SPEC §2): document.baseURI in a page, else location.href, else none. */
export function apiBaseURL(): string | undefined {
  const g = getGlobal();
  try {
    if (g.document && typeof g.document.baseURI === 'string' && g.document.baseURI) return g.document.baseURI;
    if (g.location && typeof g.location.href === 'string' && g.location.href) return g.location.href;
  } catch (e) {
    // A cross-origin or detached document: no base URL.
  }
  return undefined;
}

interface URLParts {
  scheme: string; // lower case, without ':'
  href: string;
  host: string; // hostname[:port], port omitted when default
  port: string; // '' when default
  hasFragment: boolean;
}

type Parser = (input: string, base?: string) => URLParts | null;

let parser: Parser | null = null;

/** Selects the host URL parser if it follows the WHATWG URL Standard closely enough. */
function chooseParser(): Parser {
  const NativeURL = getGlobal().URL;
  if (typeof NativeURL === 'function') {
    try {
      const u = new NativeURL('HTTP://EXAMPLE.com:80/a/../b?c#');
      const r = new NativeURL('x', 'ws://h/p/q');
      // QtWebKit 5.212 (WebKit 602) passes those, yet serializes ws://h as "ws://h" (no path)
      // and takes port 65536 (measured, test/browsers): a ws: URL with neither is asked too.
      const w = new NativeURL('ws://h');
      if (u.href === 'http://example.com/b?c#' && r.href === 'ws://h/p/x' && w.href === 'ws://h/' && !parses(NativeURL, 'ws://h:65536/')) {
        return nativeParser(NativeURL);
      }
    } catch (e) {
      // Not constructible (old WebKit exposes a URL object with no constructor).
    }
  }
  return ownParser;
}

function parses(NativeURL: any, input: string): boolean {
  try {
    new NativeURL(input);
    return true;
  } catch (e) {
    return false;
  }
}

export function setURLParserForTesting(which: 'native' | 'own' | null): void {
  parser = which === 'own' ? ownParser : which === 'native' ? nativeParser(getGlobal().URL) : null;
}

function nativeParser(NativeURL: any): Parser {
  return function (input, base) {
    let u: any;
    try {
      u = base === undefined ? new NativeURL(input) : new NativeURL(input, base);
    } catch (e) {
      return null;
    }
    const href: string = u.href;
    // Chromium's parser accepts (and percent-encodes) a space and other forbidden host code
    // points in a host (`ws://foo bar/` → `ws://foo%20bar/`); the URL Standard fails there.
    if (forbiddenHost(u.hostname)) return null;
    return {
      scheme: u.protocol.slice(0, -1),
      href: href,
      host: u.host,
      port: u.port,
      hasFragment: href.indexOf('#') !== -1
    };
  };
}

const DEFAULT_PORTS: { [scheme: string]: string } = { ws: '80', wss: '443', http: '80', https: '443' };

/**
 * A parser for the URLs a WebSocket takes (special schemes with a host), following the
 * WHATWG URL Standard for them: scheme and host lower-cased, default port dropped,
 * dot segments removed, spaces and controls in path/query percent-encoded, relative
 * references resolved against a base.
 */
function ownParser(input: string, base?: string): URLParts | null {
  // Leading/trailing C0 controls and spaces are stripped; tabs and newlines removed.
  const s = input.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  // [\s\S], not `.`: U+2028 / U+2029 are ordinary code points in a URL.
  const m = /^([a-zA-Z][a-zA-Z0-9+.\-]*):([\s\S]*)$/.exec(s);
  if (m) {
    const scheme = m[1].toLowerCase();
    if (DEFAULT_PORTS[scheme] === undefined) {
      // Non-special schemes are valid URLs; only their scheme matters to the caller.
      return { scheme: scheme, href: s, host: '', port: '', hasFragment: s.indexOf('#') !== -1 };
    }
    const rest = backslashes(m[2]);
    if (base !== undefined && rest.charAt(0) !== '/') {
      // "http:foo" relative to a base of the same scheme resolves like "foo".
      const b = ownParser(base);
      if (b && b.scheme === scheme) return resolve(rest, b);
    }
    return parseAuthority(scheme, rest.replace(/^\/*/, ''));
  }
  if (base === undefined) return null;
  const b = ownParser(base);
  if (!b || !b.host) return null;
  return resolve(backslashes(s), b);
}

/** Special URLs: a backslash is a slash in the authority and path, not in the query or fragment. */
function backslashes(s: string): string {
  const q = s.search(/[?#]/);
  return q === -1 ? s.replace(/\\/g, '/') : s.slice(0, q).replace(/\\/g, '/') + s.slice(q);
}

/** URL Standard: username[:password]@, each part in the userinfo percent-encode set; empty parts dropped. */
function serializeUserinfo(raw: string): string {
  const colon = raw.indexOf(':');
  const set = /[\u0000-\u0020"#<>?`{}\/:;=@\[\\\]^|\u007f]/g;
  const user = encodeSet(colon === -1 ? raw : raw.slice(0, colon), set);
  const pass = colon === -1 ? '' : encodeSet(raw.slice(colon + 1), set);
  return user || pass ? user + (pass ? ':' + pass : '') + '@' : '';
}

function parseAuthority(scheme: string, rest: string): URLParts | null {
  const end = rest.search(/[\/?#]/);
  let authority = end === -1 ? rest : rest.slice(0, end);
  const tail = end === -1 ? '' : rest.slice(end);
  const at = authority.lastIndexOf('@');
  const userinfo = at === -1 ? '' : serializeUserinfo(authority.slice(0, at));
  authority = authority.slice(at + 1);
  const hm = /^(\[[0-9a-fA-F:.]+\]|[^:]*)(?::([0-9]*))?$/.exec(authority);
  if (!hm) return null;
  const raw = hm[1];
  // An empty host is a failure; a domain is percent-decoded (URL Standard "host parsing").
  if (!raw) return null;
  if (forbiddenHost(raw)) return null;
  const hostname = (raw.charAt(0) === '[' ? raw : percentDecode(raw)).toLowerCase();
  let port = hm[2] || '';
  if (port) {
    const n = +port;
    if (n > 65535) return null;
    port = '' + n;
    if (port === DEFAULT_PORTS[scheme]) port = '';
  }
  const host = hostname + (port ? ':' + port : '');
  return finish(scheme, userinfo, host, port, tail);
}

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
function percentDecode(s: string): string {
  return s.indexOf('%') === -1
    ? s
    : s.replace(/%([0-9a-fA-F]{2})/g, function (_m, h) {
        return String.fromCharCode(parseInt(h, 16));
      });
}

function finish(scheme: string, userinfo: string, host: string, port: string, tail: string): URLParts {
  const hashAt = tail.indexOf('#');
  const hasFragment = hashAt !== -1;
  const fragment = hasFragment ? tail.slice(hashAt) : '';
  let beforeHash = hasFragment ? tail.slice(0, hashAt) : tail;
  const q = beforeHash.indexOf('?');
  const query = q === -1 ? '' : beforeHash.slice(q);
  let path = q === -1 ? beforeHash : beforeHash.slice(0, q);
  path = normalizePath(path === '' ? '/' : path);
  const href =
    scheme + '://' + userinfo + host + encodeSet(path, /[\u0000-\u0020"<>`{}\u007f]/g) +
    encodeSet(query, /[\u0000-\u0020"#<>\u007f']/g) + fragment;
  return { scheme: scheme, href: href, host: host, port: port, hasFragment: hasFragment };
}

function encodeSet(s: string, set: RegExp): string {
  return s.replace(set, function (c) {
    const h = c.charCodeAt(0).toString(16).toUpperCase();
    return '%' + (h.length < 2 ? '0' + h : h);
  }).replace(/[^\u0000-\u007f]+/g, function (c) {
    return encodeURIComponent(c);
  });
}

function normalizePath(path: string): string {
  const segments = path.split('/');
  const out: string[] = [];
  for (let i = 1; i < segments.length; i++) {
    const seg = segments[i];
    const last = i === segments.length - 1;
    if (seg === '..' || seg.toLowerCase() === '%2e%2e' || seg === '.%2e' || seg === '%2e.') {
      out.pop();
      if (last) out.push('');
    } else if (seg === '.' || seg.toLowerCase() === '%2e') {
      if (last) out.push('');
    } else {
      out.push(seg);
    }
  }
  return '/' + out.join('/');
}

/** RFC 3986 §5.2 reference resolution against a parsed special-scheme base. */
function resolve(ref: string, b: URLParts): URLParts | null {
  if (ref.slice(0, 2) === '//') return parseAuthority(b.scheme, ref.slice(2));
  const afterHost = b.href.slice(b.scheme.length + 3).replace(/^[^\/?#]*/, '');
  const userinfoHost = b.href.slice(b.scheme.length + 3, b.href.length - afterHost.length);
  const at = userinfoHost.lastIndexOf('@');
  const userinfo = at === -1 ? '' : userinfoHost.slice(0, at + 1);
  const basePath = afterHost.replace(/[?#].*$/, '');
  const baseQuery = /^[^?#]*(\?[^#]*)?/.exec(afterHost)![1] || '';
  let tail: string;
  if (ref === '') tail = basePath + baseQuery;
  else if (ref.charAt(0) === '#') tail = basePath + baseQuery + ref;
  else if (ref.charAt(0) === '?') tail = basePath + ref;
  else if (ref.charAt(0) === '/') tail = ref;
  else tail = basePath.slice(0, basePath.lastIndexOf('/') + 1) + ref;
  return finish(b.scheme, userinfo, b.host, b.port, tail);
}

/**
 * Constructor steps 1–5 and Fetch's port check: parse against the API base URL,
 * http(s) → ws(s), only ws/wss, no fragment; a bad port throws in strict mode (SPEC §3).
 * In standard mode the caller fails the connection for a bad port (`isBadPort(result.port)`).
 */
export function parseWebSocketURL(url: unknown, baseOverride?: string, mode?: Mode): ParsedURL {
  // Step 1 (IDL): USVString conversion of url.
  const input = toWellFormed(toDOMString(url));
  if (!parser) parser = chooseParser();
  const base = baseOverride !== undefined ? baseOverride : apiBaseURL();
  // Step 2: parse against the base; failure → SyntaxError.
  let parts = parser(input, base);
  if (!parts) {
    // No document and no location (plain Node.js): say so, rather than only "invalid".
    const relative = base === undefined && !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(input);
    throw domException(
      'SyntaxError',
      relative
        ? "The URL '" + input + "' is relative, and this runtime has no base URL to resolve it against (no document or location, as in Node.js). Use an absolute ws:// or wss:// URL."
        : "The URL '" + input + "' is invalid."
    );
  }
  // Step 3: http → ws, https → wss.
  if (parts.scheme === 'http' || parts.scheme === 'https') {
    parts = parser((parts.scheme === 'http' ? 'ws' : 'wss') + parts.href.slice(parts.scheme.length));
    if (!parts) throw domException('SyntaxError', "The URL '" + input + "' is invalid.");
  }
  // Step 4: only ws and wss.
  if (parts.scheme !== 'ws' && parts.scheme !== 'wss') {
    throw domException(
      'SyntaxError',
      "The URL's scheme must be either 'http', 'https', 'ws', or 'wss'. '" + parts.scheme + "' is not allowed."
    );
  }
  // Step 5: no fragment, not even an empty one.
  if (parts.hasFragment) {
    throw domException('SyntaxError', "The URL contains a fragment identifier ('#'). Fragment identifiers are not allowed in WebSocket URLs.");
  }
  const secure = parts.scheme === 'wss';
  const port = parts.port ? +parts.port : secure ? 443 : 80;
  // Fetch "bad port": strict throws SecurityError synchronously (as the request documents);
  // standard leaves it to the caller, which fails the connection (SPEC §2–§3).
  if (mode !== 'standard' && isBadPort(port)) throw domException('SecurityError', 'The port ' + port + ' is not allowed.');
  return { href: parts.href, origin: parts.scheme + '://' + parts.host, port: port, secure: secure };
}

/** RFC 7230 tchar. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Constructor steps 6–7: a string means [string]; each element ToString; each a non-empty
 * token; duplicates (ASCII case-insensitive, as WPT expects) → SyntaxError.
 */
export function toProtocolList(protocols: unknown): string[] {
  if (protocols === undefined) return [];
  let list: string[];
  // IDL union (DOMString or sequence<DOMString>): an object with @@iterator is a sequence
  // (a String object too: it is iterable); any other value, objects included, is ToString-ed.
  const sequence = protocols !== null && typeof protocols === 'object' ? iterate(protocols) : null;
  if (sequence) {
    list = sequence.map(toDOMString);
  } else {
    list = [toDOMString(protocols)];
  }
  const seen: { [key: string]: true } = {};
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    if (!TOKEN.test(p)) throw domException('SyntaxError', "The subprotocol '" + p + "' is invalid.");
    const key = '~' + p.toLowerCase();
    if (seen[key]) throw domException('SyntaxError', "The subprotocol '" + p + "' is duplicated.");
    seen[key] = true;
  }
  return list;
}

/** The sequence an object gives (GetMethod(V, @@iterator)), or null when it is not one. */
function iterate(value: any): unknown[] | null {
  const g = getGlobal();
  const S = g.Symbol;
  if (typeof S === 'function' && typeof S.iterator === 'symbol') {
    const method = value[S.iterator];
    // duktape 2 has Symbol.iterator but no Array.prototype[@@iterator]: an Array is still a sequence.
    if (method === undefined || method === null) return Array.isArray(value) ? value.slice() : null;
    if (typeof method !== 'function') throw new TypeError('@@iterator is not a function');
    const it = method.call(value);
    const out: unknown[] = [];
    for (let step = it.next(); !step.done; step = it.next()) out.push(step.value);
    return out;
  }
  // ES5 engines (no Symbol.iterator): an array-like is the only sequence they can give us.
  if (typeof value.length !== 'number') return null;
  const out: unknown[] = [];
  for (let i = 0; i < value.length; i++) out.push(value[i]);
  return out;
}
