// The reference model for the fuzzers, written from SPEC.md §2–§3 (WHATWG WebSockets + Web IDL),
// separate from src/ and short enough to read on one screen. Conversions return what must reach
// the engine, or { throws: name }; `step` applies one socket command to the model state.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BAD_PORTS = new Set([0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080]);

export const toStr = (v) => `${v}`; // IDL DOMString: ToString (hint string); TypeError for a Symbol
export const wellFormed = (s) => s.replace(new RegExp(LONE.source, 'g'), '\uFFFD');
export const utf8Length = (s) => Buffer.byteLength(wellFormed(s), 'utf8');

/** Web IDL [Clamp] unsigned short. */
export function clamp(v) {
  const x = +v; // ToNumber: TypeError for Symbol and BigInt
  if (Number.isNaN(x) || x <= 0) return 0;
  if (x >= 65535) return 65535;
  const f = Math.floor(x);
  return x - f < 0.5 ? f : x - f > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
}

/** close(code, reason) → { code, reason } for the wire (code undefined: no body) or { throws }. */
export function closeArgs(args, mode) {
  const code = args.length > 0 && args[0] !== undefined ? clamp(args[0]) : undefined;
  let reason = args.length > 1 && args[1] !== undefined ? toStr(args[1]) : undefined;
  if (code !== undefined && code !== 1000 && (code < 3000 || code > 4999)) return { throws: 'InvalidAccessError' };
  if (reason !== undefined) {
    if (mode === 'strict' && LONE.test(reason)) return { throws: 'SyntaxError' };
    reason = wellFormed(reason);
    if (utf8Length(reason) > 123) return { throws: 'SyntaxError' };
    return { code: code === undefined ? 1000 : code, reason };
  }
  if (code === undefined) return mode === 'strict' ? { code: 1000 } : {};
  return { code };
}

/** send(data) on an OPEN socket → { type: 'text' | 'binary', bytes: Buffer } or { throws }. */
export function sendData(data, mode) {
  if (data instanceof ArrayBuffer) return { type: 'binary', bytes: Buffer.from(data.slice(0)) };
  if (ArrayBuffer.isView(data)) return { type: 'binary', bytes: Buffer.from(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)) };
  const text = typeof data === 'string' ? data : toStr(data);
  if (mode === 'strict' && LONE.test(text)) return { throws: 'SyntaxError' };
  return { type: 'text', bytes: Buffer.from(wellFormed(text), 'utf8') };
}

/** new WebSocket(url): the serialized URL, or { throws }; a bad port in standard mode fails later. */
export function parseURL(input, mode) {
  let u;
  const s = wellFormed(toStr(input));
  try {
    u = new URL(s); // plain Node: no API base URL, so relative URLs fail
  } catch {
    return { throws: 'SyntaxError' };
  }
  if (u.protocol === 'http:' || u.protocol === 'https:') u = new URL((u.protocol === 'http:' ? 'ws' : 'wss') + u.href.slice(u.protocol.length - 1));
  if (u.protocol !== 'ws:' && u.protocol !== 'wss:') return { throws: 'SyntaxError' };
  if (u.href.includes('#')) return { throws: 'SyntaxError' };
  const port = u.port ? +u.port : u.protocol === 'wss:' ? 443 : 80;
  if (BAD_PORTS.has(port)) return mode === 'strict' ? { throws: 'SecurityError' } : { href: u.href, fails: true };
  return { href: u.href };
}

/** The protocols argument → the list offered, or { throws }. */
export function protocols(p) {
  if (p === undefined) return { list: [] };
  const list = p !== null && typeof p === 'object' && typeof p[Symbol.iterator] === 'function' ? [...p].map(toStr) : [toStr(p)];
  const seen = new Set();
  for (const x of list) {
    if (!TOKEN.test(x) || seen.has(x.toLowerCase())) return { throws: 'SyntaxError' };
    seen.add(x.toLowerCase());
  }
  return { list };
}

/**
 * One socket command applied to the model { readyState, buffered, binaryType, listeners,
 * events: [...expected], server: [...expected records] } (the server echoes data messages).
 */
export function step(m, cmd, mode) {
  const open = m.readyState === 1;
  switch (cmd.kind) {
    case 'send': {
      if (m.readyState === 0) {
        const binary = cmd.blobBytes || cmd.data instanceof ArrayBuffer || ArrayBuffer.isView(cmd.data);
        if (!binary) toStr(cmd.data); // the IDL conversion comes first (it may throw)
        return { throws: 'InvalidStateError' };
      }
      const d = cmd.blobBytes ? { type: 'binary', bytes: cmd.blobBytes } : sendData(cmd.data, mode); // a Blob: its bytes
      if (d.throws) return { throws: d.throws };
      if (!open) return void (m.buffered += d.bytes.length);
      m.server.push({ type: d.type, bytes: d.bytes });
      for (let i = 0; i < m.listeners; i++) m.events.push(['message', d.type === 'text' ? 'text' : m.binaryType, d.bytes]);
      return;
    }
    case 'close': {
      const c = closeArgs(cmd.args, mode);
      if (c.throws) return { throws: c.throws };
      if (m.readyState === 0) {
        m.readyState = 3; // fail the WebSocket connection (once its task ran)
        m.events.push(['error'], ['close', 1006, '', false]);
        return;
      }
      if (!open) return;
      m.readyState = 3; // once the server answered (the runner waits for it)
      m.events.push(['close', c.code === undefined ? 1005 : c.code, c.reason || '', true]);
      return;
    }
    case 'binaryType':
      if (cmd.value === 'blob' || cmd.value === 'arraybuffer') m.binaryType = cmd.value;
      return;
    case 'listeners':
      m.listeners = Math.max(0, m.listeners + cmd.delta);
      return;
    case 'serverClose':
      if (!open) return;
      m.server.push({ type: 'text', bytes: Buffer.from(cmd.control) });
      m.readyState = 3;
      m.events.push(['close', cmd.code, cmd.reason, true]);
      return;
    case 'serverReset':
      if (!open) return;
      m.server.push({ type: 'text', bytes: Buffer.from(cmd.control) });
      m.readyState = 3;
      m.events.push(['error'], ['close', 1006, '', false]);
      return;
  }
}
