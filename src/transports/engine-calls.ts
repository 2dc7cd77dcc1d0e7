/**
 * The calls every transport makes on its engine socket the same way (SPEC §6): send and
 * close with exactly the arguments given (no explicit `undefined`), engine errors mapped to
 * the spec's DOMExceptions, a never-negative bufferedAmount, and the engine's readyState read
 * for a closing handshake the peer started. Each transport supplies only how it fails the
 * connection.
 */
import { Failure, Transport } from './types';
import { Outgoing } from '../send-queue';
import { mapEngineError } from './map-error';

export function engineCalls(socket: any, abort: () => void): Transport {
  return {
    send: function (data: Outgoing) {
      try {
        socket.send(data);
      } catch (e) {
        throw mapEngineError(e, 'InvalidStateError');
      }
    },
    close: function (code?: number, reason?: string) {
      closeWith(socket, code, reason);
    },
    abort: abort,
    bufferedAmount: function () {
      const n = socket.bufferedAmount;
      return typeof n === 'number' && n > 0 ? n : 0;
    },
    peerClosing: function () {
      // CLOSING (2) or CLOSED (3) while the class is still OPEN: the peer's Close frame arrived.
      const r = socket.readyState;
      return r === 2 || r === 3;
    }
  };
}

/** close() with exactly the arguments given; the engine's exception mapped. */
export function closeWith(socket: any, code?: number, reason?: string): void {
  try {
    if (code === undefined) socket.close();
    else if (reason === undefined) socket.close(code);
    else socket.close(code, reason);
  } catch (e) {
    throw mapEngineError(e, 'InvalidAccessError');
  }
}

/** A transport that forwards to `t`, with some calls replaced (engine adaptations). */
export function wrapTransport(t: Transport, over: Partial<Transport>): Transport {
  return {
    send: over.send || function (data: Outgoing) {
      t.send(data);
    },
    close: over.close || function (code?: number, reason?: string) {
      closeWith(t, code, reason);
    },
    abort: over.abort || function () {
      t.abort();
    },
    bufferedAmount: over.bufferedAmount || function () {
      return t.bufferedAmount();
    },
    peerClosing: over.peerClosing || function () {
      return t.peerClosing();
    },
    binaryType: t.binaryType
  };
}

/** An engine attribute as a string: '' for undefined or null (hixie-76, React Native). */
export function str(v: unknown): string {
  return v === undefined || v === null ? '' : '' + v;
}

/** What an engine reported when it failed: an Error (ws), an ErrorEvent (undici), a plain Event. */
export function failureOf(e: any): Failure {
  const err = e && typeof e === 'object' && typeof e.type === 'string' && 'error' in e ? e.error : e;
  let message = '';
  if (err && typeof err.message === 'string') message = err.message;
  else if (e && typeof e.message === 'string') message = e.message;
  return { error: err && typeof err === 'object' && typeof err.type === 'string' ? undefined : err, message: message };
}
