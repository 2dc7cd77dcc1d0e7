/**
 * Backends for the legacy engines and non-Node runtimes (SPEC §4, §6): src/probes.ts names the
 * family; each is the native transport plus that engine's adaptations and the capabilities the
 * class honours (`sendsBinary`, `closeTakesArguments`). What an engine cannot do at all is in
 * `unsupported` (detect()) and fails loudly with NotSupportedError, never silently.
 */
import { Backend, Transport, TransportEvents } from './types';
import { nativeBackend, NativeBackendOptions } from './native';
import { failureOf, wrapTransport } from './engine-calls';
import { probeEngine } from '../probes';
import { domException } from '../errors';
import { tagOf } from '../global';

interface Adaptations {
  /** One protocol string only (Gecko 6/7, hixie-76). */
  one?: boolean;
  /** close() takes no arguments (Gecko 6/7, hixie-76). */
  noCloseArgs?: boolean;
  /** hixie-76 has no `protocol`; the server must echo the one offered. */
  inferProtocol?: boolean;
  /** Views sent as text (Gecko 11–17): hand over an ArrayBuffer of their bytes. */
  viewsAsBuffer?: boolean;
  /** Close code 1006 is abnormal even with wasClean true (Presto's early failure). */
  unclean1006?: boolean;
  /**
   * A SecurityError from the engine's constructor fails the connection instead (error, close
   * 1006): IE's connection cap; WebKit's Content-Security-Policy connect-src check (WebKit 2012,
   * Safari 6-10, QtWebKit 5.212, measured in test/browsers), which the Standard makes a network
   * error. Bad ports never reach the engine (src/url.ts), so this is no bad-port error.
   */
  capFails?: boolean;
}

export function legacyBackend(Native: any, name?: string): Backend | null {
  const probe = probeEngine(Native, name);
  if (!probe) return null;
  const has = function (q: string): boolean {
    return probe.found.indexOf(q) !== -1;
  };
  const opts: NativeBackendOptions = { name: probe.family, quirks: probe.found };
  const a: Adaptations = {};
  const unsupported: string[] = [];
  let sendsBinary = true;
  const f = probe.family;
  if (f === 'gecko-moz' || f === 'webkit-hixie76') {
    sendsBinary = false;
    unsupported.push('binaryFrames: text frames only; binary send() throws NotSupportedError');
    a.noCloseArgs = has('geckoCloseWithoutArguments') || has('webkitCloseWithoutArguments');
    // SPEC §4: close(code, reason) is validated, then the engine's close() without arguments.
    if (a.noCloseArgs) unsupported.push('closeCodeOnWire: close() takes no arguments; close(code, reason) closes without them (the peer sees 1005)');
    a.one = has('geckoSingleProtocolString') || has('webkitSingleProtocolString');
    if (a.one) unsupported.push('multipleProtocols: one protocol only; more throw NotSupportedError');
    a.inferProtocol = has('webkitProtocolAttributeUndefined');
    if (has('geckoCloseEventWithoutCode') || has('webkitCloseEventWasCleanOnly')) {
      unsupported.push('closeEventCode: close events carry no code or reason (reported as 1005)');
    }
  } else if (f === 'gecko-11-17') {
    opts.canSendBlob = false;
    opts.sendsViews = false;
    a.viewsAsBuffer = true;
  } else if (has('webkitBlobLostOnClose')) {
    // WebKit 2012 and Safari 6–16: as for current WebKit (backends.ts), Blobs are read first.
    opts.canSendBlob = false;
    a.capFails = true;
  } else if (f === 'presto') {
    a.unclean1006 = true;
  } else if (f === 'trident') {
    a.capFails = true;
  } else if (f === 'react-native' || f === 'bun' || f === 'deno') {
    // Backend options reach each engine as its constructor takes them: RN `(url, protocols,
    // options)`; Bun a WebSocketInit second; Deno has no options (it would send the protocol
    // "[object Object]"), so they are not passed there.
    if (f === 'react-native') opts.optionsAs = 'third';
    if (f === 'bun') opts.optionsAs = 'init';
    if (f === 'deno') unsupported.push('backendOptions: Deno takes no constructor options; the third argument is ignored');
    // RN: Blob send needs the native BlobModule (an invariant crash without it): read it first.
    if (f === 'react-native') opts.canSendBlob = false;
    // RN cannot make a Blob from bytes (BlobManager: "Creating blobs from 'ArrayBuffer' and
    // 'ArrayBufferView' are not supported"); its own binaryType 'blob' can, with BlobModule.
    if (f === 'react-native') opts.engineBlobs = true;
    if (f !== 'deno') unsupported.push('closeWithoutStatus: close() without a code sends 1000');
    if (f === 'react-native') unsupported.push('customCloseCodes: on iOS, custom close codes are reported as 1001');
  }
  const base = nativeBackend(Native, opts);
  const backend: Backend = {
    name: base.name,
    native: Native,
    canSendBlob: base.canSendBlob,
    sendsViews: base.sendsViews,
    quirks: base.quirks,
    create: function (url: string, protocols: string[], options: unknown, events: TransportEvents): Transport {
      return adapt(base, a, url, protocols, options, events);
    }
  };
  if (!sendsBinary) backend.sendsBinary = false;
  if (a.noCloseArgs) backend.closeTakesArguments = false;
  if (unsupported.length) backend.unsupported = unsupported;
  return backend;
}

function adapt(base: Backend, a: Adaptations, url: string, protocols: string[], options: unknown, events: TransportEvents): Transport {
  if (a.one && protocols.length > 1) throw domException('NotSupportedError', 'This engine offers one protocol only.');
  let ev = events;
  if (a.inferProtocol || a.unclean1006) {
    ev = {
      open: function (protocol: string, extensions: string) {
        events.open(protocol === '' && a.inferProtocol && protocols.length === 1 ? protocols[0] : protocol, extensions);
      },
      message: function (data) {
        events.message(data);
      },
      closing: function () {
        events.closing();
      },
      close: function (report) {
        // RFC 6455: 1006 is never sent in a frame; it means the connection was lost.
        const lost = a.unclean1006 && report.code === 1006;
        events.close(lost ? { code: undefined, reason: '', wasClean: false, failure: report.failure } : report);
      }
    };
  }
  let t: Transport;
  try {
    t = base.create(url, protocols, options, ev);
  } catch (e) {
    if (a.capFails && e && (e as { name?: string }).name === 'SecurityError') return failed(ev, e);
    throw e;
  }
  if (!a.noCloseArgs && !a.viewsAsBuffer) return t;
  return wrapTransport(t, {
    send: function (data) {
      t.send(a.viewsAsBuffer ? viewAsBuffer(data) : data);
    },
    close: function (code?: number, reason?: string) {
      // The class has validated and refused what cannot be sent (closeTakesArguments).
      if (a.noCloseArgs) t.close();
      else t.close(code, reason);
    }
  });
}

/** The engine refused the connection at construction (IE's cap, WebKit's CSP): error, then close 1006. */
function failed(events: TransportEvents, error: unknown): Transport {
  let done = false;
  const noop = function () {
    // never OPEN
  };
  setTimeout(function () {
    if (!done) events.close({ code: undefined, reason: '', wasClean: false, failure: failureOf(error) });
  }, 0);
  return {
    send: noop,
    close: noop,
    abort: function () {
      done = true;
    },
    bufferedAmount: function () {
      return 0;
    },
    peerClosing: function () {
      return false;
    }
  };
}

/** A view's bytes as an ArrayBuffer (the view's own buffer when the view covers all of it). */
function viewAsBuffer(data: any): any {
  const buffer = data && typeof data.byteLength === 'number' ? data.buffer : null;
  if (!buffer || tagOf(buffer) !== 'ArrayBuffer') return data;
  if (data.byteOffset === 0 && data.byteLength === buffer.byteLength) return buffer;
  const out = new Uint8Array(data.byteLength);
  out.set(new Uint8Array(buffer, data.byteOffset, data.byteLength));
  return out.buffer;
}
