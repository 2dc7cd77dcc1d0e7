/**
 * The package's own URL parser, for hosts whose URL constructor is missing or does not follow
 * the WHATWG URL Standard for ws:, wss:, http: and https: URLs (src/url.ts chooses). The modern
 * entry (src/modern/url-parser.ts) has none: it refuses such engines.
 */
import { parseHost } from './url-host';

export interface URLParts {
  scheme: string; // lower case, without ':'
  href: string;
  host: string; // hostname[:port], port omitted when default
  port: string; // '' when default
  hasFragment: boolean;
}

export type Parser = (input: string, base?: string) => URLParts | null;

const DEFAULT_PORTS: { [scheme: string]: string } = { ws: '80', wss: '443', http: '80', https: '443' };

/**
 * A parser for the URLs a WebSocket takes (special schemes with a host), following the
 * WHATWG URL Standard for them: scheme and host lower-cased, default port dropped,
 * dot segments removed, spaces and controls in path/query percent-encoded, relative
 * references resolved against a base.
 */
export function ownParser(input: string, base?: string): URLParts | null {
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
  // The host runs to the first `:` outside brackets; the port is digits only (URL Standard
  // "host state" and "port state").
  const hm = /^((?:\[[^\[\]]*\]?|[^:\[])*)(?::([0-9]*))?$/.exec(authority);
  // An empty host is a failure, as is any the host parser fails on.
  const hostname = hm && hm[1] ? parseHost(hm[1]) : null;
  if (!hostname) return null;
  let port = hm![2] || '';
  if (port) {
    const n = +port;
    if (n > 65535) return null;
    port = '' + n;
    if (port === DEFAULT_PORTS[scheme]) port = '';
  }
  const host = hostname + (port ? ':' + port : '');
  return finish(scheme, userinfo, host, port, tail);
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
