/**
 * The calls every transport makes on its engine socket the same way (SPEC §6): send and
 * close with exactly the arguments given (no explicit `undefined`), engine errors mapped to
 * the spec's DOMExceptions, and a never-negative bufferedAmount. Each transport supplies
 * only how it fails the connection.
 */
import { Transport } from './types';
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
      try {
        if (code === undefined) socket.close();
        else if (reason === undefined) socket.close(code);
        else socket.close(code, reason);
      } catch (e) {
        throw mapEngineError(e, 'InvalidAccessError');
      }
    },
    abort: abort,
    bufferedAmount: function () {
      const n = socket.bufferedAmount;
      return typeof n === 'number' && n > 0 ? n : 0;
    }
  };
}

/** An engine attribute as a string: '' for undefined or null (hixie-76, React Native). */
export function str(v: unknown): string {
  return v === undefined || v === null ? '' : '' + v;
}
