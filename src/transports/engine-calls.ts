/**
 * The calls every transport makes on its engine socket the same way (SPEC §6): send and
 * close with exactly the arguments given (no explicit `undefined`), engine errors mapped to
 * the spec's DOMExceptions, a never-negative bufferedAmount, and the engine's readyState read
 * for a closing handshake the peer started. Each transport supplies only how it fails the
 * connection.
 */
import { Failure, Transport, TransportEvents } from './types';
import { Outgoing } from '../send-queue';
import { mapEngineError } from './map-error';

/** send() with exactly the data given; the engine's exception mapped. */
export function engineSend(socket: any, data: Outgoing): void {
  try {
    socket.send(data);
  } catch (e) {
    throw mapEngineError(e, 'InvalidStateError');
  }
}

/** The engine's bufferedAmount, never negative nor anything but a number. */
export function engineBufferedAmount(socket: any): number {
  const n = socket.bufferedAmount;
  return typeof n === 'number' && n > 0 ? n : 0;
}

/** CLOSING (2) or CLOSED (3) while the class is still OPEN: the peer's Close frame arrived. */
export function enginePeerClosing(socket: any): boolean {
  const r = socket.readyState;
  return r === 2 || r === 3;
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

/**
 * The one forwarding wrapper (SPEC §6): an object whose methods `names` call the same methods of
 * `target` with the arguments given (none added, so no explicit `undefined` reaches an engine),
 * except those `over` replaces. Transports (engine adaptations, declared capabilities) and
 * transport events (engine adaptations) are wrapped with it.
 */
function forward(target: any, names: string, over: any): any {
  const out: any = {};
  const list = names.split(' ');
  for (let i = 0; i < list.length; i++) out[list[i]] = over[list[i]] || delegate(target, list[i]);
  return out;
}

function delegate(target: any, name: string): Function {
  return function () {
    return target[name].apply(target, arguments);
  };
}

/** A transport that forwards to `t`, with some calls replaced (engine adaptations). */
export function wrapTransport(t: Transport, over: Partial<Transport>): Transport {
  return forward(t, 'send close abort bufferedAmount peerClosing' + (t.binaryType ? ' binaryType' : ''), over);
}

/** Engine events that forward to `events`, with some replaced (engine adaptations). */
export function forwardEvents(events: TransportEvents, over: Partial<TransportEvents>): TransportEvents {
  return forward(events, 'open message closing close', over);
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
