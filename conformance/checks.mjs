// The conformance checks: one host-agnostic list of what SPEC.md §2–§3 requires, observed
// through a real connection to conformance/server.mjs. The same module runs in Node (the
// demo table, test/integration/conformance.test.mjs) and in browser pages, so it is plain
// modern JS with no imports: the host injects the WebSocket class and how to read the
// server's record of a connection.
//
//   runChecks({ WebSocket, wsUrl, fetchLog, mode, timeoutMs, refusedUrl, only })
//     WebSocket   the class under test (a native one, or the shim's)
//     wsUrl       the test server, 'ws://127.0.0.1:<port>'
//     fetchLog    id => Promise of the server's JSON record for that connection, waiting until
//                 it ended (Node: server.log(id); a page: fetch(`/log/${id}?wait=1`))
//     mode        'strict' | 'standard': what `expected` means (SPEC §3 is the only difference)
//     timeoutMs   per check (default 5000); a check that does not finish fails with "timeout"
//     refusedUrl  a ws: URL where nothing listens (default ws://127.0.0.1:2/)
//     only        optional list of check ids to run
//   → [{ id, section, title, expected, actual, pass }]
//
// `expected` comes from SPEC.md alone, never from what the shim does; `actual` is what was
// observed, as a short string in the same vocabulary, and a check passes when they are equal.
// Strings name the host and port of the test server "H" (ws://H/ is the server's root).

const TIMEOUT = { timeout: true };
const LEGACY_CODES = { SyntaxError: 12, InvalidStateError: 11, InvalidAccessError: 15, SecurityError: 18 };

// ---------------------------------------------------------------------------------------
// Small helpers (no host APIs beyond ES2017, TextEncoder/TextDecoder, setTimeout, URL).

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const tagOf = (v) => Object.prototype.toString.call(v).slice(8, -1);

function hexOfBytes(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
  return s;
}
function bytesOfHex(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}
const utf8Hex = (s) => hexOfBytes(new TextEncoder().encode(s));

/** Text bytes as a quoted string when they are well-formed UTF-8, else as hex. */
function textOfHex(hex) {
  const s = new TextDecoder().decode(bytesOfHex(hex));
  return utf8Hex(s) === hex ? '"' + s + '"' : 'hex ' + hex;
}

/** How a thrown value is reported: a DOMException by name (with a wrong legacy code or a
 * wrong class named), a TypeError as 'TypeError', anything else by its class and name. */
function errName(e) {
  if (e === undefined) return 'no exception';
  if (e === TIMEOUT) return 'timeout';
  if (!e || typeof e !== 'object') return 'threw ' + String(e);
  const name = String(e.name);
  if (name === 'TypeError' && e instanceof TypeError) return 'TypeError';
  const isDOMException =
    (typeof DOMException === 'function' && e instanceof DOMException) ||
    (e instanceof Error && e.constructor && e.constructor.name === 'DOMException');
  if (!isDOMException) {
    const kind = e.constructor && e.constructor.name ? e.constructor.name : 'object';
    return kind === name ? name + ' (not DOMException)' : kind + ' ' + name;
  }
  if (!(e instanceof Error)) return name + ' (not instanceof Error)';
  if (LEGACY_CODES[name] !== undefined && e.code !== LEGACY_CODES[name]) return name + ' code ' + e.code;
  return name;
}

/** Runs fn; its exception as errName, or 'no exception'. */
function attempt(fn) {
  try {
    fn();
    return 'no exception';
  } catch (e) {
    return errName(e);
  }
}

/** Several outcomes: 'all X' when they agree, else the list. */
function all(list) {
  return list.every((x) => x === list[0]) ? 'all ' + list[0] : list.join(', ');
}

function fmtClose(rec) {
  const c = rec && rec.close;
  if (!c) return 'no close recorded';
  if (!c.hadBody) return c.code === 1006 ? 'no close frame' : 'sent no body';
  return 'sent ' + c.code + (c.reasonHex ? ' ' + textOfHex(c.reasonHex) : '');
}

function fmtFrames(rec) {
  if (!rec) return 'no connection recorded';
  if (rec.frames.length === 0) return 'no frames';
  return rec.frames.map((f) => (f.type === 'text' ? 'text ' + textOfHex(f.hex) : 'binary ' + f.hex)).join(', ');
}

async function bytesOfBlob(blob) {
  if (typeof blob.arrayBuffer === 'function') return new Uint8Array(await blob.arrayBuffer());
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(new Uint8Array(r.result));
    r.onerror = () => reject(r.error);
    r.readAsArrayBuffer(blob);
  });
}

/** A message's data as 'ArrayBuffer 0102', 'Blob 0102', '"text"' or its class name. */
async function fmtData(d) {
  if (typeof d === 'string') return '"' + d + '"';
  const tag = tagOf(d);
  if (tag === 'ArrayBuffer') return 'ArrayBuffer ' + hexOfBytes(new Uint8Array(d));
  if (tag === 'Blob') return 'Blob ' + hexOfBytes(await bytesOfBlob(d));
  return tag + (d && d.byteLength !== undefined ? ' ' + hexOfBytes(new Uint8Array(d.buffer, d.byteOffset, d.byteLength)) : '');
}

const hasBlob = () => typeof Blob === 'function';

/** The API base URL a page or worker has (SPEC §2); null in plain Node. */
function apiBaseURL() {
  try {
    if (typeof document !== 'undefined' && document && document.baseURI) return document.baseURI;
    if (typeof location !== 'undefined' && location && location.href) return location.href;
  } catch (e) {
    // no base
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// The per-check context: socket creation and bookkeeping, event recording, the server log.

function makeContext(env, def) {
  const sockets = [];
  const logId = env.prefix + '-' + def.id;
  const t = {
    mode: env.mode,
    logId,
    base: env.base,
    hostPort: env.hostPort,
    /** The server URL for this check's connection, with server options. */
    url(query) {
      return env.base + '/' + def.id + '?id=' + encodeURIComponent(logId) + (query ? '&' + query : '');
    },
    /** Replaces the server's host:port with H. */
    short(url) {
      return String(url).split(env.hostPort).join('H');
    },
    /** Constructs and tracks a socket (an error listener keeps an EventEmitter-based class alive). */
    make(url, protocols) {
      const ws = protocols === undefined ? new env.WebSocket(url) : new env.WebSocket(url, protocols);
      sockets.push(ws);
      ws.addEventListener('error', () => {});
      return ws;
    },
    /** Resolves with the first `type` event; rejects when the socket errors or closes first. */
    next(ws, type) {
      return new Promise((resolve, reject) => {
        let done = false;
        const on = (kind) => (ev) => {
          if (done) return;
          if (kind === type) {
            done = true;
            resolve(ev);
          } else if (kind === 'error' || kind === 'close') {
            done = true;
            reject(new Error('no ' + type + ': ' + kind + (kind === 'close' ? ' ' + ev.code : '')));
          }
        };
        for (const k of [type, 'error', 'close']) if (k === type || type !== 'close') ws.addEventListener(k, on(k));
      });
    },
    /** Opens a connection to the server with these options. */
    async open(query, protocols) {
      const ws = t.make(t.url(query), protocols);
      await t.next(ws, 'open');
      return ws;
    },
    /** Records every event (and whether it fired synchronously, see `sync`). */
    record(ws) {
      const rec = { seq: [], close: null, readyStateAtClose: null, sync: false, inCall: false, closed: null };
      rec.closed = new Promise((resolve) => {
        for (const type of ['open', 'message', 'error', 'close']) {
          ws.addEventListener(type, (ev) => {
            rec.seq.push(type);
            if (rec.inCall) rec.sync = true;
            if (type === 'close' && !rec.close) {
              rec.close = ev;
              rec.readyStateAtClose = ws.readyState;
              resolve(ev);
            }
          });
        }
      });
      return rec;
    },
    /** The server's record of this check's connection (after it ended). */
    log() {
      return env.fetchLog(logId);
    },
    cleanup() {
      for (const ws of sockets) {
        try {
          if (ws.readyState === 0 || ws.readyState === 1) ws.close();
        } catch (e) {
          // a broken close() was already reported by the check
        }
      }
    }
  };
  return t;
}

/** '1006 "" unclean' for a CloseEvent. */
function fmtCloseEvent(ev) {
  return ev.code + ' "' + ev.reason + '" ' + (ev.wasClean ? 'clean' : 'unclean');
}

/** Events until close (and a moment after, to see duplicates): 'open,error,close; 1006 "" unclean'. */
async function untilClosed(rec) {
  await rec.closed;
  await sleep(30);
  return rec.seq.join(',') + '; ' + fmtCloseEvent(rec.close);
}

/** Opens (echo=0), calls close(...args) and reports the exception or what the server got. */
async function closeOutcome(t, args, query) {
  const ws = await t.open(query || 'echo=0');
  try {
    ws.close(...args);
  } catch (e) {
    return errName(e);
  }
  return fmtClose(await t.log());
}

/** Opens (echo=0), runs act(ws) (which sends), closes with 1000 and reports the frames. */
async function sendOutcome(t, act) {
  const ws = await t.open('echo=0');
  try {
    act(ws);
  } catch (e) {
    return errName(e);
  }
  ws.close(1000);
  return fmtFrames(await t.log());
}

/** A constructor call's outcome: its exception, or 'url <serialized url>'. */
function construct(t, url, protocols) {
  try {
    const ws = t.make(url, protocols);
    return 'url ' + t.short(ws.url);
  } catch (e) {
    return errName(e);
  }
}

const ctorOutcome = (t, url, protocols) => {
  const r = construct(t, url, protocols);
  return r.startsWith('url ') ? 'accepted' : r;
};

const E_123 = 'é'.repeat(61) + 'a'; // 62 characters, 123 UTF-8 bytes
const E_124 = 'é'.repeat(62); // 62 characters, 124 UTF-8 bytes

// ---------------------------------------------------------------------------------------
// The checks. `expected` is a string, or { strict, standard } for the SPEC §3 rows, or a
// function of the context for host-dependent facts (the API base URL, Blob).

const C = '§2 constructor';
const CL = '§2 close()';
const SE = '§2 send()';
const AT = '§2 attributes';
const EV = '§2 events';
const ER = '§2 errors';
const M3 = '§3 modes';

const DEFS = [
  // --- constructor -------------------------------------------------------------------
  {
    id: 'ctor-url-serialized',
    section: C,
    title: 'url is the serialized absolute URL, readyState CONNECTING',
    expected: 'url ws://H/, readyState 0',
    async run(t) {
      const ws = t.make(t.base);
      return 'url ' + t.short(ws.url) + ', readyState ' + ws.readyState;
    }
  },
  {
    id: 'ctor-http-https',
    section: C,
    title: 'http: → ws:, https: → wss: (url attribute)',
    expected: 'url ws://H/b?x=1, url wss://H/',
    async run(t) {
      return construct(t, 'HTTP://' + t.hostPort + '/a/../b?x=1') + ', ' + construct(t, 'https://' + t.hostPort + '/');
    }
  },
  {
    id: 'ctor-bad-scheme',
    section: C,
    title: 'a scheme other than ws/wss/http/https → SyntaxError',
    expected: 'all SyntaxError',
    async run(t) {
      return all([ctorOutcome(t, 'ftp://' + t.hostPort + '/'), ctorOutcome(t, 'file:///tmp/x')]);
    }
  },
  {
    id: 'ctor-fragment',
    section: C,
    title: 'a fragment, even an empty #, → SyntaxError',
    expected: 'all SyntaxError',
    async run(t) {
      return all([ctorOutcome(t, 'ws://' + t.hostPort + '/#x'), ctorOutcome(t, 'ws://' + t.hostPort + '/#')]);
    }
  },
  {
    id: 'ctor-unparsable',
    section: C,
    title: 'an unparsable URL (port 65536) → SyntaxError',
    expected: 'SyntaxError',
    async run(t) {
      return ctorOutcome(t, 'ws://127.0.0.1:65536/');
    }
  },
  {
    id: 'ctor-relative',
    section: C,
    title: 'a relative URL: resolved against the API base URL; SyntaxError without one',
    expected(env) {
      const base = apiBaseURL();
      if (!base) return 'SyntaxError';
      let u;
      try {
        u = new URL('/rel?x=1', base);
      } catch (e) {
        return 'SyntaxError';
      }
      let href = u.href;
      if (u.protocol === 'http:' || u.protocol === 'https:') href = href.replace(/^http/, 'ws');
      else if (u.protocol !== 'ws:' && u.protocol !== 'wss:') return 'SyntaxError';
      return 'url ' + href.split(env.hostPort).join('H');
    },
    async run(t) {
      return construct(t, '/rel?x=1');
    }
  },
  {
    id: 'ctor-bad-port',
    section: M3,
    title: 'a Fetch "bad port": strict SecurityError from the constructor, standard a failed connection (error, close 1006)',
    expected: { strict: 'SecurityError', standard: 'no exception; error,close; 1006 "" unclean' },
    async run(t) {
      let ws;
      try {
        ws = t.make('ws://127.0.0.1:1/');
      } catch (e) {
        return errName(e);
      }
      return 'no exception; ' + (await untilClosed(t.record(ws)));
    }
  },
  {
    id: 'ctor-forbidden-host',
    section: C,
    title: 'a forbidden host code point (space, <, ^, |, a % without two hex digits, %20) → SyntaxError',
    expected: 'all SyntaxError',
    async run(t) {
      const urls = ['ws://foo bar/', 'wss://foo bar.com/', 'ws://a<b/', 'ws://a^b/', 'ws://a|b/', 'ws://a%zz/', 'ws://a%20b/'];
      return all(urls.map((u) => ctorOutcome(t, u)));
    }
  },
  {
    id: 'ctor-protocol-token',
    section: C,
    title: 'a protocol that is not a non-empty token → SyntaxError',
    expected: 'all SyntaxError',
    async run(t) {
      return all([ctorOutcome(t, t.url(''), ['a b']), ctorOutcome(t, t.url(''), ['']), ctorOutcome(t, t.url(''), 'é')]);
    }
  },
  {
    id: 'ctor-protocol-duplicate',
    section: C,
    title: 'duplicate protocols, compared case-insensitively → SyntaxError',
    expected: 'all SyntaxError',
    async run(t) {
      return all([ctorOutcome(t, t.url(''), ['chat', 'chat']), ctorOutcome(t, t.url(''), ['chat', 'CHAT'])]);
    }
  },
  {
    id: 'ctor-protocol-string',
    section: C,
    title: 'a string protocol means [string]; selected protocol after open',
    expected: 'offered chat; protocol chat',
    async run(t) {
      const ws = await t.open('echo=0&proto=first', 'chat');
      const protocol = ws.protocol;
      ws.close(1000);
      const rec = await t.log();
      const offered = rec.protocolsOffered === null ? 'none' : rec.protocolsOffered.split(/\s*,\s*/).join(',');
      return 'offered ' + offered + '; protocol ' + protocol;
    }
  },

  // --- close() -----------------------------------------------------------------------
  {
    id: 'close-1000.7',
    section: CL,
    title: 'close(1000.7): [Clamp] rounds to 1001 → InvalidAccessError',
    expected: 'InvalidAccessError',
    run: (t) => closeOutcome(t, [1000.7])
  },
  {
    id: 'close-3001.3',
    section: CL,
    title: 'close(3001.3): [Clamp] rounds to nearest → server receives 3001',
    expected: 'sent 3001',
    run: (t) => closeOutcome(t, [3001.3])
  },
  {
    id: 'close-2999.5',
    section: CL,
    title: 'close(2999.5): ties to even → 3000, accepted',
    expected: 'sent 3000',
    run: (t) => closeOutcome(t, [2999.5])
  },
  {
    id: 'close-string-code',
    section: CL,
    title: "close('1000'): ToNumber → server receives 1000",
    expected: 'sent 1000',
    run: (t) => closeOutcome(t, ['1000'])
  },
  {
    id: 'close-nan-null',
    section: CL,
    title: 'close(NaN), close(null) → 0 → InvalidAccessError',
    expected: 'all InvalidAccessError',
    async run(t) {
      const ws = await t.open('echo=0');
      return all([attempt(() => ws.close(NaN)), attempt(() => ws.close(null))]);
    }
  },
  {
    id: 'close-reserved-codes',
    section: CL,
    title: 'close(1005), close(2999), close(5000) → InvalidAccessError',
    expected: 'all InvalidAccessError',
    async run(t) {
      const ws = await t.open('echo=0');
      return all([attempt(() => ws.close(1005)), attempt(() => ws.close(2999)), attempt(() => ws.close(5000))]);
    }
  },
  {
    id: 'close-reason-123-bytes',
    section: CL,
    title: 'a reason of 123 UTF-8 bytes (62 characters) is sent as is',
    expected: 'sent 1000 + the 123-byte reason',
    async run(t) {
      const r = await closeOutcome(t, [1000, E_123]);
      return r === 'sent 1000 "' + E_123 + '"' ? 'sent 1000 + the 123-byte reason' : r;
    }
  },
  {
    id: 'close-reason-124-bytes',
    section: CL,
    title: 'a reason of 124 UTF-8 bytes (62 characters) → SyntaxError',
    expected: 'SyntaxError',
    run: (t) => closeOutcome(t, [1000, E_124])
  },
  {
    id: 'close-code-before-reason',
    section: CL,
    title: 'an invalid code and a long reason → InvalidAccessError (code first)',
    expected: 'InvalidAccessError',
    run: (t) => closeOutcome(t, [1001, E_124])
  },
  {
    id: 'close-reason-only',
    section: CL,
    title: "close(undefined, 'bye') → server receives 1000 + 'bye'",
    expected: 'sent 1000 "bye"',
    run: (t) => closeOutcome(t, [undefined, 'bye'])
  },
  {
    id: 'close-no-arguments',
    section: M3,
    title: 'close() with neither code nor reason: strict 1000, standard no body',
    expected: { strict: 'sent 1000', standard: 'sent no body' },
    run: (t) => closeOutcome(t, [])
  },
  {
    id: 'close-reason-surrogate',
    section: M3,
    title: 'an unpaired surrogate in the reason: strict SyntaxError, standard U+FFFD',
    expected: { strict: 'SyntaxError', standard: 'sent 1000 "a\uFFFD"' },
    run: (t) => closeOutcome(t, [1000, 'a\uD800'])
  },
  {
    id: 'close-validates-when-closed',
    section: CL,
    title: 'on a CLOSED socket: arguments still validated, then nothing',
    expected: 'InvalidAccessError, SyntaxError, no exception',
    async run(t) {
      const ws = t.make(t.url('close=1000'));
      const rec = t.record(ws);
      await rec.closed;
      if (ws.readyState !== 3) return 'readyState ' + ws.readyState + ' after close';
      return [attempt(() => ws.close(2999)), attempt(() => ws.close(1000, E_124)), attempt(() => ws.close(1000))].join(', ');
    }
  },
  {
    id: 'close-twice',
    section: CL,
    title: 'close() then close() again while CLOSING: the second does nothing',
    expected: 'readyState 2; no exception; sent 3000 "one"; close 3000 "one" clean',
    async run(t) {
      const ws = await t.open('echo=0');
      const rec = t.record(ws);
      ws.close(3000, 'one');
      const rs = ws.readyState;
      const second = attempt(() => ws.close(3001, 'two'));
      await rec.closed;
      return 'readyState ' + rs + '; ' + second + '; ' + fmtClose(await t.log()) + '; close ' + fmtCloseEvent(rec.close);
    }
  },
  {
    id: 'close-while-connecting',
    section: CL,
    title: 'close() while CONNECTING: CLOSING, then error, then close 1006 (later tasks)',
    expected: 'readyState 2; error,close; 1006 "" unclean; readyState 3 at close',
    async run(t) {
      const ws = t.make(t.url('echo=0'));
      const rec = t.record(ws);
      rec.inCall = true;
      const r = attempt(() => ws.close());
      rec.inCall = false;
      if (r !== 'no exception') return r;
      const rs = ws.readyState;
      const events = await untilClosed(rec);
      return 'readyState ' + rs + '; ' + events + '; readyState ' + rec.readyStateAtClose + ' at close' + (rec.sync ? ' (sync events)' : '');
    }
  },

  // --- send() ------------------------------------------------------------------------
  {
    id: 'send-connecting',
    section: SE,
    title: 'send() while CONNECTING → InvalidStateError (before the surrogate check)',
    expected: 'all InvalidStateError',
    async run(t) {
      const ws = t.make(t.url('echo=0'));
      return all([attempt(() => ws.send('x')), attempt(() => ws.send('\uD800'))]);
    }
  },
  {
    id: 'send-no-argument',
    section: SE,
    title: 'send() with no argument → TypeError',
    expected: 'TypeError',
    async run(t) {
      const ws = await t.open('echo=0');
      return attempt(() => ws.send());
    }
  },
  {
    id: 'send-string',
    section: SE,
    title: 'a string → one text frame, UTF-8',
    expected: 'text "héllo €"',
    run: (t) => sendOutcome(t, (ws) => ws.send('héllo €'))
  },
  {
    id: 'send-arraybuffer',
    section: SE,
    title: 'an ArrayBuffer → one binary frame, byte-exact',
    expected: 'binary 000102ff',
    run: (t) => sendOutcome(t, (ws) => ws.send(new Uint8Array([0, 1, 2, 255]).buffer))
  },
  {
    id: 'send-view-middle',
    section: SE,
    title: 'views into the middle of a buffer → only the viewed bytes',
    expected: 'binary 020304, binary 04050607',
    run: (t) =>
      sendOutcome(t, (ws) => {
        const buf = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]).buffer;
        ws.send(new Uint8Array(buf, 2, 3));
        ws.send(new Uint16Array(buf, 4, 2));
      })
  },
  {
    id: 'send-dataview',
    section: SE,
    title: 'a DataView → its bytes',
    expected: 'binary 0102',
    run: (t) => sendOutcome(t, (ws) => ws.send(new DataView(new Uint8Array([0, 1, 2, 3]).buffer, 1, 2)))
  },
  {
    id: 'send-blob',
    section: SE,
    title: 'a Blob → one binary frame with its bytes',
    expected: () => (hasBlob() ? 'binary 090807' : 'n/a (no Blob)'),
    async run(t) {
      if (!hasBlob()) return 'n/a (no Blob)';
      return sendOutcome(t, (ws) => ws.send(new Blob([new Uint8Array([9, 8, 7])])));
    }
  },
  {
    id: 'send-tostring',
    section: SE,
    title: 'a number, null, an object → ToString, text frames',
    expected: 'text "123", text "null", text "obj"',
    run: (t) =>
      sendOutcome(t, (ws) => {
        ws.send(123);
        ws.send(null);
        ws.send({ toString: () => 'obj' });
      })
  },
  {
    id: 'send-buffered-in-task',
    section: SE,
    title: "bufferedAmount right after send('héllo') includes its 6 bytes until a later task",
    expected: 'includes 6 bytes',
    async run(t) {
      const ws = await t.open('echo=0');
      const before = ws.bufferedAmount;
      ws.send('héllo');
      const d = ws.bufferedAmount - before;
      return d >= 6 ? 'includes 6 bytes' : 'grew by ' + d;
    }
  },
  {
    id: 'send-fake-buffer',
    section: SE,
    title: 'an object only tagged ArrayBuffer / Uint8Array is no buffer: ToString, text frames',
    expected: 'text "[object ArrayBuffer]", text "[object Uint8Array]"',
    run: (t) =>
      sendOutcome(t, (ws) => {
        ws.send({ [Symbol.toStringTag]: 'ArrayBuffer', byteLength: 4 });
        ws.send({ [Symbol.toStringTag]: 'Uint8Array', byteLength: 4, buffer: new ArrayBuffer(4), byteOffset: 0 });
      })
  },
  {
    id: 'send-shared-buffer',
    section: SE,
    title: 'a SharedArrayBuffer or a view on one → TypeError (BufferSource is not [AllowShared])',
    expected: () => (typeof SharedArrayBuffer === 'function' ? 'all TypeError' : 'n/a (no SharedArrayBuffer)'),
    async run(t) {
      if (typeof SharedArrayBuffer !== 'function') return 'n/a (no SharedArrayBuffer)';
      const ws = await t.open('echo=0');
      const sab = new SharedArrayBuffer(4);
      return all([() => ws.send(new Uint8Array(sab)), () => ws.send(new DataView(sab)), () => ws.send(sab)].map(attempt));
    }
  },
  {
    id: 'send-order-blob-close',
    section: SE,
    title: 'text, Blob, text, close(): all sent in order before the close frame',
    expected: () => 'text "a", binary 010203, text "c"; sent 1000',
    async run(t) {
      const ws = await t.open('echo=0');
      const binary = hasBlob() ? new Blob([new Uint8Array([1, 2, 3])]) : new Uint8Array([1, 2, 3]);
      try {
        ws.send('a');
        ws.send(binary);
        ws.send('c');
        ws.close(1000);
      } catch (e) {
        return errName(e);
      }
      const rec = await t.log();
      return fmtFrames(rec) + '; ' + fmtClose(rec);
    }
  },
  {
    id: 'send-surrogate',
    section: M3,
    title: 'an unpaired surrogate in send(string): strict SyntaxError, standard U+FFFD',
    expected: { strict: 'SyntaxError', standard: 'text "a\uFFFDb"' },
    run: (t) => sendOutcome(t, (ws) => ws.send('a\uD800b'))
  },
  {
    id: 'send-after-close',
    section: SE,
    title: 'send() when CLOSED: no exception, bufferedAmount grows by the byte size',
    expected: () => 'no exception; +6 +5' + (hasBlob() ? ' +7' : ''),
    async run(t) {
      const ws = await t.open('echo=0');
      const rec = t.record(ws);
      ws.close(1000);
      await rec.closed;
      const sizes = [];
      let last = ws.bufferedAmount;
      const items = ['héllo', new Uint8Array(5)];
      if (hasBlob()) items.push(new Blob([new Uint8Array(7)]));
      for (const item of items) {
        const r = attempt(() => ws.send(item));
        if (r !== 'no exception') return r;
        sizes.push('+' + (ws.bufferedAmount - last));
        last = ws.bufferedAmount;
      }
      return 'no exception; ' + sizes.join(' ');
    }
  },

  // --- attributes --------------------------------------------------------------------
  {
    id: 'attr-constants',
    section: AT,
    title: 'CONNECTING..CLOSED = 0..3 on the constructor and the prototype',
    expected: 'constructor 0,1,2,3; prototype 0,1,2,3',
    async run(t) {
      const names = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'];
      const W = t.WebSocket;
      const read = (o) => names.map((n) => {
        try {
          return String(o[n]);
        } catch (e) {
          return errName(e);
        }
      });
      return 'constructor ' + read(W).join(',') + '; prototype ' + read(W.prototype).join(',');
    }
  },
  {
    id: 'attr-binarytype',
    section: AT,
    title: "binaryType: default 'blob'; other values ignored, no exception",
    expected: 'blob, blob, arraybuffer',
    async run(t) {
      const ws = t.make(t.url('echo=0'));
      const seen = [ws.binaryType];
      let threw = '';
      const set = (v) => {
        try {
          ws.binaryType = v;
        } catch (e) {
          threw = ' (' + errName(e) + ')';
        }
      };
      set('nodebuffer');
      seen.push(ws.binaryType);
      set('arraybuffer');
      set('Blob');
      seen.push(ws.binaryType);
      return seen.join(', ') + threw;
    }
  },
  {
    id: 'attr-binarytype-tostring',
    section: AT,
    title: 'binaryType setter converts with ToString (toString before valueOf)',
    expected: 'blob, arraybuffer',
    async run(t) {
      const ws = t.make(t.url('echo=0'));
      const seen = [];
      ws.binaryType = { valueOf: () => 'arraybuffer', toString: () => 'blob' };
      seen.push(ws.binaryType);
      ws.binaryType = { valueOf: () => 'blob', toString: () => 'arraybuffer' };
      seen.push(ws.binaryType);
      return seen.join(', ');
    }
  },
  {
    id: 'attr-before-open',
    section: AT,
    title: "protocol and extensions are '' until open",
    expected: "protocol '', extensions ''",
    async run(t) {
      const ws = t.make(t.url('echo=0&proto=first'), ['chat']);
      return "protocol '" + ws.protocol + "', extensions '" + ws.extensions + "'";
    }
  },
  {
    id: 'attr-protocol-after-open',
    section: AT,
    title: 'protocol after open is the one the server selected (array offered)',
    expected: "offered chat,Super; protocol chat; extensions ''",
    async run(t) {
      const ws = await t.open('echo=0&proto=first', ['chat', 'Super']);
      const protocol = ws.protocol;
      const extensions = ws.extensions;
      ws.close(1000);
      const rec = await t.log();
      const offered = rec.protocolsOffered === null ? 'none' : rec.protocolsOffered.split(/\s*,\s*/).join(',');
      return 'offered ' + offered + '; protocol ' + protocol + "; extensions '" + extensions + "'";
    }
  },
  {
    id: 'attr-readonly',
    section: AT,
    title: 'url, readyState, bufferedAmount are read-only',
    expected: 'unchanged',
    async run(t) {
      const ws = t.make(t.url('echo=0'));
      const changed = [];
      for (const [k, v] of [['url', 'ws://example.invalid/'], ['readyState', 3], ['bufferedAmount', 99]]) {
        const before = ws[k];
        try {
          ws[k] = v;
        } catch (e) {
          // strict-mode assignment to a getter-only accessor
        }
        if (ws[k] !== before) changed.push(k);
      }
      return changed.length ? 'changed ' + changed.join(',') : 'unchanged';
    }
  },
  {
    id: 'attr-handlers',
    section: AT,
    title: 'onX: null by default, a function kept, a non-function stores null',
    expected: 'null, function, null, null',
    async run(t) {
      const ws = t.make(t.url('echo=0'));
      const show = (v) => (v === null ? 'null' : typeof v === 'function' ? 'function' : typeof v + ' ' + String(v));
      const f = () => {};
      const out = [show(ws.onopen)];
      ws.onclose = f;
      out.push(ws.onclose === f ? 'function' : show(ws.onclose));
      ws.onclose = 'x';
      out.push(show(ws.onclose));
      ws.onmessage = f;
      ws.onmessage = 42;
      out.push(show(ws.onmessage));
      return out.join(', ');
    }
  },

  // --- events ------------------------------------------------------------------------
  {
    id: 'ev-order',
    section: EV,
    title: 'onopen → onmessage → onclose, in that order',
    expected: 'open,message,close',
    async run(t) {
      const ws = t.make(t.url(''));
      const seq = [];
      const closed = new Promise((resolve) => {
        ws.onopen = () => {
          seq.push('open');
          ws.send('hi');
        };
        ws.onmessage = () => {
          seq.push('message');
          ws.close(1000);
        };
        ws.onerror = () => seq.push('error');
        ws.onclose = () => {
          seq.push('close');
          resolve();
        };
      });
      await closed;
      await sleep(30);
      return seq.join(',');
    }
  },
  {
    id: 'ev-message-fields',
    section: EV,
    title: "MessageEvent: data, origin of the URL, lastEventId '', source null, ports []",
    expected: "data \"hi\", origin ws://H, lastEventId '', source null, ports []",
    async run(t) {
      const ws = await t.open('');
      const got = t.next(ws, 'message');
      ws.send('hi');
      const ev = await got;
      const ports = ev.ports;
      const p = Array.isArray(ports) ? '[' + ports.length + ']' : String(ports);
      return 'data ' + (await fmtData(ev.data)) + ', origin ' + t.short(ev.origin) + ", lastEventId '" + ev.lastEventId +
        "', source " + String(ev.source) + ', ports ' + (p === '[0]' ? '[]' : p);
    }
  },
  {
    id: 'ev-close-no-status',
    section: EV,
    title: 'server close frame without a status → close 1005, reason \'\', clean',
    expected: 'open,close; 1005 "" clean',
    async run(t) {
      const ws = t.make(t.url('closeEmpty=1'));
      return untilClosed(t.record(ws));
    }
  },
  {
    id: 'ev-close-code-reason',
    section: EV,
    title: "server closes with 4001 'bye' → close event 4001 'bye', clean",
    expected: 'open,close; 4001 "bye" clean',
    async run(t) {
      const ws = t.make(t.url('close=4001&reason=bye'));
      return untilClosed(t.record(ws));
    }
  },
  {
    id: 'ev-tcp-drop',
    section: EV,
    title: 'TCP dropped after open → error, then close 1006, not clean',
    expected: 'open,error,close; 1006 "" unclean',
    async run(t) {
      const ws = t.make(t.url('drop=1'));
      return untilClosed(t.record(ws));
    }
  },
  {
    id: 'ev-refused',
    section: EV,
    title: 'connection refused → error, then close 1006; readyState 3',
    expected: 'error,close; 1006 "" unclean; readyState 3',
    async run(t) {
      const ws = t.make(t.refusedUrl);
      const rec = t.record(ws);
      return (await untilClosed(rec)) + '; readyState ' + ws.readyState;
    }
  },
  {
    id: 'ev-protocol-not-selected',
    section: EV,
    title: "protocols asked, the server selects none → no open; error, then close 1006; protocol ''",
    expected: "error,close; 1006 \"\" unclean; protocol ''",
    async run(t) {
      const ws = t.make(t.url('echo=0'), ['chat']);
      const rec = t.record(ws);
      return (await untilClosed(rec)) + "; protocol '" + ws.protocol + "'";
    }
  },
  {
    id: 'ev-binary-arraybuffer',
    section: EV,
    title: "binaryType 'arraybuffer' → binary messages as ArrayBuffer",
    expected: 'ArrayBuffer 010203',
    async run(t) {
      const ws = await t.open('');
      ws.binaryType = 'arraybuffer';
      const got = t.next(ws, 'message');
      ws.send(new Uint8Array([1, 2, 3]));
      return fmtData((await got).data);
    }
  },
  {
    id: 'ev-binary-blob',
    section: EV,
    title: "binaryType 'blob' (default) → binary messages as Blob",
    expected: () => (hasBlob() ? 'Blob 010203' : 'ArrayBuffer 010203'),
    async run(t) {
      const ws = await t.open('');
      const got = t.next(ws, 'message');
      ws.send(new Uint8Array([1, 2, 3]));
      return fmtData((await got).data);
    }
  },

  // --- errors ------------------------------------------------------------------------
  {
    id: 'err-domexception',
    section: ER,
    title: 'exceptions are DOMExceptions (instanceof Error) with the legacy code',
    // SecurityError (strict mode only, SPEC §3) and its code 18: ctor-bad-port.
    expected: 'SyntaxError 12, InvalidStateError 11, InvalidAccessError 15',
    async run(t) {
      const out = [];
      const probe = (name, fn) => {
        try {
          fn();
          out.push(name + ' none');
        } catch (e) {
          const n = errName(e);
          out.push(n === name ? name + ' ' + e.code : n);
        }
      };
      probe('SyntaxError', () => t.make('ftp://' + t.hostPort + '/'));
      const ws = t.make(t.url('echo=0'));
      probe('InvalidStateError', () => ws.send('x'));
      probe('InvalidAccessError', () => ws.close(2999));
      return out.join(', ');
    }
  }
];

/** The checks' metadata, for hosts that list them before running (one test per check). */
export const CHECKS = DEFS.map((d) => ({ id: d.id, section: d.section, title: d.title, modeDependent: d.section === M3 }));

/** The ids of the SPEC §3 rows: the only ones whose expectation depends on the mode. */
export const MODE_DEPENDENT = CHECKS.filter((c) => c.modeDependent).map((c) => c.id);

export async function runChecks({ WebSocket, wsUrl, fetchLog, mode = 'standard', timeoutMs = 5000, refusedUrl, only } = {}) {
  if (typeof WebSocket !== 'function') throw new TypeError('runChecks: WebSocket must be a constructor');
  if (mode !== 'strict' && mode !== 'standard') throw new TypeError("runChecks: mode must be 'strict' or 'standard'");
  const base = String(wsUrl).replace(/\/+$/, '');
  const env = {
    WebSocket,
    base,
    hostPort: base.replace(/^wss?:\/\//, ''),
    fetchLog,
    mode,
    prefix: 'ck' + Math.random().toString(36).slice(2, 8)
  };
  const results = [];
  for (const def of DEFS) {
    if (only && only.indexOf(def.id) === -1) continue;
    const t = makeContext(env, def);
    t.WebSocket = WebSocket;
    t.refusedUrl = refusedUrl || 'ws://127.0.0.1:2/';
    const exp = typeof def.expected === 'function' ? def.expected(env) : typeof def.expected === 'object' ? def.expected[mode] : def.expected;
    let actual;
    let timer;
    try {
      actual = await Promise.race([
        Promise.resolve().then(() => def.run(t)),
        new Promise((resolve) => {
          timer = setTimeout(() => resolve(TIMEOUT), timeoutMs);
        })
      ]);
      if (actual === TIMEOUT) actual = 'timeout';
    } catch (e) {
      actual = e instanceof Error && /^no (open|message|close)/.test(e.message) ? e.message : 'threw ' + errName(e);
    } finally {
      clearTimeout(timer);
      t.cleanup();
    }
    actual = String(actual);
    results.push({ id: def.id, section: def.section, title: def.title, expected: exp, actual, pass: actual === exp });
  }
  return results;
}
