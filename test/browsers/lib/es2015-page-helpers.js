// What the test pages and conformance/checks.mjs use that QtWebKit 5.212 (Safari 10, 2016)
// has not: TextEncoder/TextDecoder, URLSearchParams and fetch. The QtWebKit page build
// (qtwebkit-pages.mjs) imports these into the test files only, as module bindings: the page's
// globals stay the engine's own, so the shim under test sees exactly what the engine has.
import labHooks from '../../../lab/page/hooks.js';

// UTF-8 both ways: the conformance lab's fallbacks (lab/page/hooks.js, ES5), one copy for both.
const { TextEncoder: LabTextEncoder, TextDecoder: LabTextDecoder } = labHooks.fallbacks;

export class TextEncoder {
  encode(s) {
    return new LabTextEncoder().encode(s === undefined ? '' : s);
  }
}

export class TextDecoder {
  decode(bytes) {
    if (bytes === undefined) return '';
    const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes.buffer || bytes, bytes.byteOffset || 0, bytes.byteLength);
    return new LabTextDecoder().decode(b);
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
