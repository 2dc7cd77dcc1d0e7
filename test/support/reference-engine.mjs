// A reference WebSocket: a small, conformant implementation of the WebSocket interface over
// a real `ws` client connection, used as the "already conformant native" the shim must not
// change (test/integration/conformance.test.mjs). It follows SPEC.md §2 with the `standard`
// column of §3 (the current WHATWG text: USVString conversions, close() without arguments
// sends no body), written from the standard's steps and independent of src/.
//
// Node only (it uses `ws`, Buffer, and Node's EventTarget, Event, MessageEvent, Blob, DOMException).
import WS from 'ws';

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

/** Fetch Standard "bad port". */
const BAD_PORTS = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110,
  111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532,
  540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061,
  6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080
]);

/** RFC 7230 token (Sec-WebSocket-Protocol values). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Web IDL USVString: ToString, then lone surrogates → U+FFFD. */
function toUSVString(value) {
  const s = `${value}`;
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Web IDL [Clamp] unsigned short: ToNumber, NaN → 0, clamp, round half to even. */
function toClampedUnsignedShort(value) {
  let x = +value; // TypeError for Symbol and BigInt, as ToNumber
  if (Number.isNaN(x)) return 0;
  x = Math.min(Math.max(x, 0), 65535);
  const f = Math.floor(x);
  const d = x - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/** The API base URL: location.href where the runtime has one (plain Node: none). */
function apiBase() {
  const loc = globalThis.location;
  return loc && typeof loc.href === 'string' ? loc.href : undefined;
}

export class ReferenceCloseEvent extends Event {
  #wasClean;
  #code;
  #reason;
  constructor(type, init = {}) {
    super(type, init);
    this.#wasClean = !!init.wasClean;
    this.#code = init.code === undefined ? 0 : init.code;
    this.#reason = init.reason === undefined ? '' : `${init.reason}`;
  }
  get wasClean() {
    return this.#wasClean;
  }
  get code() {
    return this.#code;
  }
  get reason() {
    return this.#reason;
  }
}

export class ReferenceWebSocket extends EventTarget {
  #url;
  #origin;
  #readyState = CONNECTING;
  #protocol = '';
  #extensions = '';
  #binaryType = 'blob';
  #socket;
  #failed = false;
  #detached = false;
  /** Data waiting behind a Blob being read: { data, size, pending }. */
  #queue = [];
  #held = 0;
  #whenEmpty = null;
  #afterClose = 0;
  #handlers = { open: null, message: null, error: null, close: null };
  #listeners = {};

  constructor(url, protocols = []) {
    super();
    if (arguments.length < 1) throw new TypeError("Failed to construct 'WebSocket': 1 argument required.");
    // 1–2. Parse url against the API base URL; failure → SyntaxError.
    const input = toUSVString(url);
    let record;
    try {
      record = new URL(input, apiBase());
    } catch (e) {
      throw new DOMException(`Invalid URL '${input}'`, 'SyntaxError');
    }
    // 3. http → ws, https → wss.
    if (record.protocol === 'http:') record = new URL('ws:' + record.href.slice('http:'.length));
    else if (record.protocol === 'https:') record = new URL('wss:' + record.href.slice('https:'.length));
    // 4. Only ws and wss.
    if (record.protocol !== 'ws:' && record.protocol !== 'wss:') {
      throw new DOMException(`The URL scheme '${record.protocol}' is not allowed`, 'SyntaxError');
    }
    // 5. No fragment, not even an empty one.
    if (record.hash !== '' || record.href.endsWith('#')) throw new DOMException('Fragments are not allowed', 'SyntaxError');
    const port = record.port ? +record.port : record.protocol === 'wss:' ? 443 : 80;
    // 6–7. Protocols: a string is [string]; tokens; no duplicates (ASCII case-insensitive).
    const list = typeof protocols === 'string' ? [protocols] : Array.from(protocols, (p) => `${p}`);
    const seen = new Set();
    for (const p of list) {
      if (!TOKEN.test(p)) throw new DOMException(`Invalid subprotocol '${p}'`, 'SyntaxError');
      const key = p.toLowerCase();
      if (seen.has(key)) throw new DOMException(`Duplicate subprotocol '${p}'`, 'SyntaxError');
      seen.add(key);
    }
    this.#url = record.href;
    this.#origin = record.origin;

    // Fetch "bad port": a network error, so the connection fails (error, then close 1006, in a
    // later task); nothing goes to the network.
    if (BAD_PORTS.has(port)) {
      this.#detached = true;
      this.#socket = null;
      setTimeout(() => this.#closed(1006, '', false), 0);
      return;
    }
    // Establish the connection.
    const socket = new WS(record.href, list, { perMessageDeflate: false });
    this.#socket = socket;
    socket.on('open', () => {
      if (this.#detached || this.#readyState !== CONNECTING) return;
      this.#readyState = OPEN;
      this.#protocol = socket.protocol || '';
      this.#extensions = socket.extensions || '';
      this.dispatchEvent(new Event('open'));
    });
    socket.on('message', (data, isBinary) => {
      // Messages are delivered only while OPEN.
      if (this.#detached || this.#readyState !== OPEN) return;
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      let value;
      if (!isBinary) value = buf.toString('utf8');
      else {
        const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
        value = this.#binaryType === 'blob' ? new Blob([ab]) : ab;
      }
      this.dispatchEvent(new MessageEvent('message', { data: value, origin: this.#origin, lastEventId: '', source: null, ports: [] }));
    });
    socket.on('error', () => {
      this.#failed = true;
    });
    socket.on('close', (code, reason) => {
      if (this.#detached) return;
      const clean = !this.#failed && code !== 1006;
      this.#closed(clean ? code : 1006, clean ? Buffer.from(reason).toString('utf8') : '', clean);
    });
  }

  /** "When the WebSocket connection is closed": CLOSED, error if it failed, then close. */
  #closed(code, reason, wasClean) {
    if (this.#readyState === CLOSED) return;
    this.#readyState = CLOSED;
    this.#queue.length = 0;
    if (!wasClean) this.dispatchEvent(new Event('error'));
    this.dispatchEvent(new ReferenceCloseEvent('close', { code, reason, wasClean }));
  }

  get url() {
    return this.#url;
  }
  get readyState() {
    return this.#readyState;
  }
  get bufferedAmount() {
    const engine = this.#readyState === OPEN || this.#readyState === CLOSING ? this.#socket.bufferedAmount : 0;
    return this.#held + engine + this.#afterClose;
  }
  get extensions() {
    return this.#extensions;
  }
  get protocol() {
    return this.#protocol;
  }
  get binaryType() {
    return this.#binaryType;
  }
  set binaryType(value) {
    // Enum attribute: an invalid value is ignored.
    const v = `${value}`;
    if (v === 'blob' || v === 'arraybuffer') this.#binaryType = v;
  }

  close(code = undefined, reason = undefined) {
    // Conversions: [Clamp] unsigned short, then USVString.
    const c = code === undefined ? undefined : toClampedUnsignedShort(code);
    const r = reason === undefined ? undefined : toUSVString(reason);
    // 1. A code that is neither 1000 nor 3000–4999 → InvalidAccessError.
    if (c !== undefined && c !== 1000 && (c < 3000 || c > 4999)) {
      throw new DOMException(`Invalid close code ${c}`, 'InvalidAccessError');
    }
    // 2. A reason longer than 123 UTF-8 bytes → SyntaxError.
    if (r !== undefined && Buffer.byteLength(r, 'utf8') > 123) {
      throw new DOMException('The close reason is longer than 123 bytes', 'SyntaxError');
    }
    // 3. CLOSING or CLOSED: nothing.
    if (this.#readyState === CLOSING || this.#readyState === CLOSED) return;
    // 4. CONNECTING: fail the connection; error and close come in a later task.
    if (this.#readyState === CONNECTING) {
      this.#readyState = CLOSING;
      if (this.#socket) this.#socket.terminate();
      this.#detached = true;
      setTimeout(() => this.#closed(1006, '', false), 0);
      return;
    }
    // 5. OPEN: start the closing handshake after the queued data (a reason alone sends 1000).
    this.#readyState = CLOSING;
    this.#drained(() => {
      if (this.#readyState !== CLOSING) return;
      if (c === undefined && r === undefined) this.#socket.close();
      else this.#socket.close(c === undefined ? 1000 : c, r === undefined ? '' : r);
    });
  }

  send(data) {
    if (arguments.length < 1) throw new TypeError("Failed to execute 'send': 1 argument required.");
    // IDL union: ArrayBuffer, ArrayBufferView, Blob, else USVString.
    let item;
    if (ArrayBuffer.isView(data) && typeof SharedArrayBuffer === 'function' && data.buffer instanceof SharedArrayBuffer) {
      throw new TypeError('BufferSource must not be shared');
    }
    if (typeof SharedArrayBuffer === 'function' && data instanceof SharedArrayBuffer) throw new TypeError('BufferSource must not be shared');
    if (data instanceof ArrayBuffer) item = { data: data.slice(0), size: data.byteLength, pending: false };
    else if (ArrayBuffer.isView(data)) {
      item = { data: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength), size: data.byteLength, pending: false };
    } else if (data instanceof Blob) item = { data, size: data.size, pending: true };
    else {
      const text = toUSVString(data);
      item = { data: text, size: Buffer.byteLength(text, 'utf8'), pending: false };
    }
    // 1. CONNECTING → InvalidStateError.
    if (this.#readyState === CONNECTING) throw new DOMException('Still in CONNECTING state', 'InvalidStateError');
    // CLOSING or CLOSED: not sent, but counted.
    if (this.#readyState !== OPEN) {
      this.#afterClose += item.size;
      return;
    }
    if (this.#queue.length === 0 && !item.pending) {
      // bufferedAmount decreases only in a later task, once the data was transmitted.
      this.#held += item.size;
      setTimeout(() => (this.#held -= item.size), 0);
      this.#socket.send(item.data);
      return;
    }
    this.#queue.push(item);
    this.#held += item.size;
    if (item.pending) {
      item.data.arrayBuffer().then((ab) => {
        item.data = ab;
        item.pending = false;
        this.#flush();
      });
    }
  }

  #flush() {
    while (this.#queue.length && !this.#queue[0].pending) {
      const item = this.#queue.shift();
      this.#held -= item.size;
      if (this.#socket.readyState === WS.OPEN) this.#socket.send(item.data);
    }
    if (this.#queue.length === 0 && this.#whenEmpty) {
      const fn = this.#whenEmpty;
      this.#whenEmpty = null;
      fn();
    }
  }

  #drained(fn) {
    if (this.#queue.length === 0) fn();
    else this.#whenEmpty = fn;
  }

  // Event handler IDL attributes (HTML): the listener is added on the first non-null value and
  // keeps its place; a non-function value is stored as null (SPEC §2) and removes it.
  #getHandler(type) {
    return this.#handlers[type];
  }
  #setHandler(type, value) {
    const fn = typeof value === 'function' ? value : null;
    this.#handlers[type] = fn;
    if (fn && !this.#listeners[type]) {
      this.#listeners[type] = (ev) => {
        const h = this.#handlers[type];
        if (h) return h.call(this, ev);
      };
      this.addEventListener(type, this.#listeners[type]);
    } else if (!fn && this.#listeners[type]) {
      this.removeEventListener(type, this.#listeners[type]);
      delete this.#listeners[type];
    }
  }
  get onopen() {
    return this.#getHandler('open');
  }
  set onopen(v) {
    this.#setHandler('open', v);
  }
  get onmessage() {
    return this.#getHandler('message');
  }
  set onmessage(v) {
    this.#setHandler('message', v);
  }
  get onerror() {
    return this.#getHandler('error');
  }
  set onerror(v) {
    this.#setHandler('error', v);
  }
  get onclose() {
    return this.#getHandler('close');
  }
  set onclose(v) {
    this.#setHandler('close', v);
  }
}

for (const [name, value] of Object.entries({ CONNECTING, OPEN, CLOSING, CLOSED })) {
  Object.defineProperty(ReferenceWebSocket.prototype, name, { value, enumerable: true });
  Object.defineProperty(ReferenceWebSocket, name, { value, enumerable: true });
}
Object.defineProperty(ReferenceWebSocket.prototype, Symbol.toStringTag, { value: 'WebSocket', configurable: true });
