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
import { forbiddenHost } from './url-host';
import { ownParser, Parser } from './url-parser';

export { forbiddenHost };

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


let parser: Parser | null = null;

/** Selects the host URL parser if it follows the WHATWG URL Standard closely enough. */
function chooseParser(): Parser {
  const NativeURL = conformingURL();
  return NativeURL ? nativeParser(NativeURL) : ownParser;
}

/** The host's URL constructor when it parses ws: URLs as the URL Standard says, else null. */
export function conformingURL(): any {
  const NativeURL = getGlobal().URL;
  if (typeof NativeURL === 'function') {
    try {
      const u = new NativeURL('HTTP://EXAMPLE.com:80/a/../b?c#');
      const r = new NativeURL('x', 'ws://h/p/q');
      // QtWebKit 5.212 (WebKit 602) passes those, yet serializes ws://h as "ws://h" (no path)
      // and takes port 65536 (measured, test/browsers): a ws: URL with neither is asked too.
      const w = new NativeURL('ws://h');
      if (u.href === 'http://example.com/b?c#' && r.href === 'ws://h/p/x' && w.href === 'ws://h/' && !parses(NativeURL, 'ws://h:65536/')) {
        return NativeURL;
      }
    } catch (e) {
      // Not constructible (old WebKit exposes a URL object with no constructor).
    }
  }
  return null;
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
