// What the test pages and conformance/checks.mjs use that QtWebKit 5.212 (Safari 10, 2016)
// has not: TextEncoder/TextDecoder, URLSearchParams and fetch. The QtWebKit page build
// (qtwebkit-pages.mjs) imports these into the test files only, as module bindings: the page's
// globals stay the engine's own, so the shim under test sees exactly what the engine has.

function encodeUtf8(s) {
  const out = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else c = 0xfffd;
    } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return new Uint8Array(out);
}

function decodeUtf8(bytes) {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes.buffer || bytes, bytes.byteOffset || 0, bytes.byteLength);
  let s = '';
  for (let i = 0; i < b.length; ) {
    const x = b[i];
    const need = x < 0x80 ? 0 : x >= 0xc2 && x < 0xe0 ? 1 : x >= 0xe0 && x < 0xf0 ? 2 : x >= 0xf0 && x < 0xf5 ? 3 : -1;
    if (need < 0) {
      s += '\ufffd';
      i++;
      continue;
    }
    let c = need === 0 ? x : x & (0x3f >> need);
    let ok = i + need < b.length;
    for (let k = 1; ok && k <= need; k++) {
      if ((b[i + k] & 0xc0) !== 0x80) ok = false;
      else c = (c << 6) | (b[i + k] & 63);
    }
    if (ok && ((need === 2 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) || (need === 3 && (c < 0x10000 || c > 0x10ffff)))) ok = false;
    if (!ok) {
      s += '\ufffd';
      i++;
      continue;
    }
    s += c > 0xffff ? String.fromCharCode(0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 1023)) : String.fromCharCode(c);
    i += need + 1;
  }
  return s;
}

export class TextEncoder {
  encode(s) {
    return encodeUtf8(String(s === undefined ? '' : s));
  }
}

export class TextDecoder {
  decode(bytes) {
    return bytes === undefined ? '' : decodeUtf8(bytes);
  }
}

export class URLSearchParams {
  constructor(search) {
    this.pairs = String(search || '')
      .replace(/^\?/, '')
      .split('&')
      .filter(Boolean)
      .map((kv) => {
        const i = kv.indexOf('=');
        const dec = (x) => decodeURIComponent(x.replace(/\+/g, ' '));
        return i < 0 ? [dec(kv), ''] : [dec(kv.slice(0, i)), dec(kv.slice(i + 1))];
      });
  }
  get(name) {
    const p = this.pairs.find((kv) => kv[0] === name);
    return p ? p[1] : null;
  }
  has(name) {
    return this.pairs.some((kv) => kv[0] === name);
  }
}

/** fetch(url) for GET over XMLHttpRequest: enough for the pages' `/log/<id>` reads. */
export function fetch(url) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', url);
    xhr.onload = () =>
      resolve({
        ok: xhr.status >= 200 && xhr.status < 300,
        status: xhr.status,
        json: () => Promise.resolve(JSON.parse(xhr.responseText)),
        text: () => Promise.resolve(xhr.responseText)
      });
    xhr.onerror = () => reject(new TypeError('fetch failed: ' + url));
    xhr.send();
  });
}
