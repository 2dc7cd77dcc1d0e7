/**
 * Backends for the legacy engines and non-Node runtimes (SPEC §4, §6): src/engines/ holds one
 * file per family (its probe, its quirks with their sources, its adaptations) and the registry
 * that probes them in order; this is the native transport with a family's adaptations applied
 * and the capabilities the class honours (`sendsBinary`, `closeTakesArguments`). What an engine
 * cannot do at all is in `unsupported` (detect()) and fails loudly, never silently.
 */
import { Backend, Transport, TransportEvents } from './types';
import { nativeBackend, NativeBackendOptions } from './native';
import { failureOf, forwardEvents, wrapTransport } from './engine-calls';
import { probeEngine } from '../engines/registry';
import { Adaptations } from '../engines/family';
import { domException } from '../errors';
import { copyBytes, isArrayBufferView } from '../webidl';

export function legacyBackend(Native: any, name?: string): Backend | null {
  const probe = probeEngine(Native, name);
  if (!probe) return null;
  const opts: NativeBackendOptions = { name: probe.family.name, quirks: probe.found };
  const a: Adaptations = {};
  const unsupported: string[] = [];
  if (probe.family.adapt) {
    probe.family.adapt({
      opts: opts,
      a: a,
      unsupported: unsupported,
      has: function (q: string): boolean {
        return probe.found.indexOf(q) !== -1;
      }
    });
  }
  opts.unsupported = unsupported;
  // The native backend, its transports adapted to the family.
  const backend = nativeBackend(Native, opts);
  const create = backend.create;
  backend.create = function (url: string, protocols: string[], options: unknown, events: TransportEvents): Transport {
    return adapt(create, a, url, protocols, options, events);
  };
  if (a.sendsBinary === false) backend.sendsBinary = false;
  if (a.noCloseArgs) backend.closeTakesArguments = false;
  return backend;
}

function adapt(create: Backend['create'], a: Adaptations, url: string, protocols: string[], options: unknown, events: TransportEvents): Transport {
  if (a.refuse) throw domException('NotSupportedError', a.refuse);
  if (a.one && protocols.length > 1) throw domException('NotSupportedError', 'This engine offers one protocol only.');
  const closeCall = { inside: false, aborted: false };
  const ev = adaptEvents(a, protocols, events, closeCall);
  let t: Transport;
  try {
    t = create(url, protocols, options, ev);
  } catch (e) {
    if (a.capFails && e && (e as { name?: string }).name === 'SecurityError') return failed(ev, e);
    throw e;
  }
  if (!a.noCloseArgs && !a.viewsAsBuffer && !a.deferCloseInClose) return t;
  return wrapTransport(t, {
    send: function (data) {
      t.send(a.viewsAsBuffer ? viewAsBuffer(data) : data);
    },
    close: function (code?: number, reason?: string) {
      closeCall.inside = true;
      try {
        // The class has validated and refused what cannot be sent (closeTakesArguments).
        if (a.noCloseArgs) t.close();
        else t.close(code, reason);
      } finally {
        closeCall.inside = false;
      }
    },
    abort: function () {
      closeCall.aborted = true;
      t.abort();
    }
  });
}

/** The engine's events with what the family gets wrong replaced; the rest forwards as it is. */
function adaptEvents(a: Adaptations, protocols: string[], events: TransportEvents, closeCall: { inside: boolean; aborted: boolean }): TransportEvents {
  if (!a.inferProtocol && !a.unclean1006 && !a.failCloseBeforeOpen && !a.peerCloseClean && !a.deferCloseInClose) return events;
  let opened = false;
  return forwardEvents(events, {
    open: function (protocol: string, extensions: string) {
      opened = true;
      events.open(protocol === '' && a.inferProtocol && protocols.length === 1 ? protocols[0] : protocol, extensions);
    },
    close: function (report) {
      // §2: a handshake that ends before open fails the connection (error, close 1006).
      const notOpened = a.failCloseBeforeOpen && !opened && !report.failure;
      // RFC 6455: 1006 is never sent in a frame; it means the connection was lost.
      if (notOpened) report = { code: undefined, reason: '', wasClean: false, failure: { error: undefined, message: report.reason } };
      else if (a.unclean1006 && report.code === 1006) report = { code: undefined, reason: '', wasClean: false, failure: report.failure };
      // A status code from the peer's close frame: the closing handshake happened.
      else if (a.peerCloseClean && !report.failure && report.code !== undefined && report.code !== 1006) report = { code: report.code, reason: report.reason, wasClean: true };
      const r = report;
      // A close event the engine fires inside close() arrives in a task of its own (§2: CLOSING first).
      if (!(a.deferCloseInClose && closeCall.inside)) return events.close(r);
      setTimeout(function () {
        // abort() said: no more events.
        if (!closeCall.aborted) events.close(r);
      }, 0);
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
  if (!isArrayBufferView(data)) return data;
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data.buffer : copyBytes(data);
}
