/**
 * send()'s argument, converted (WHATWG WebSockets "send(data)"; Web IDL union
 * `(BufferSource or Blob or USVString)`; SPEC §2–§3) into what the state machine queues:
 * the payload for the engine, its kind, and its size in bytes for bufferedAmount.
 */
import { domException } from './errors';
import { Mode } from './modes';
import { bufferSourceKind, toDOMString, viewBytes } from './webidl';
import { hasUnpairedSurrogate, toWellFormed, utf8ByteLength } from './utf8';
import { Outgoing } from './send-queue';

export interface SendData {
  payload: Outgoing;
  kind: 'text' | 'binary' | 'blob';
}

/**
 * The IDL union conversion: ArrayBuffer, ArrayBufferView, Blob, else ToString (a TypeError for
 * a Symbol; whatever a toString throws propagates, as in the IDL).
 */
export function toSendData(data: unknown, sendsViews: boolean): SendData {
  if (typeof data === 'string') return { payload: data, kind: 'text' };
  // By internal slots, not tags (a SharedArrayBuffer or a view on one → TypeError).
  const kind = bufferSourceKind(data);
  if (kind === 'buffer') return { payload: data as ArrayBuffer, kind: 'binary' };
  // Only the viewed bytes; as a Uint8Array for engines that send other views wrongly
  // (Node 21 element by element, Gecko 11–17 as text).
  if (kind === 'view') return { payload: sendsViews ? (data as ArrayBufferView) : viewBytes(data as ArrayBufferView), kind: 'binary' };
  if (kind === 'blob') return { payload: data as Blob, kind: 'blob' };
  return { payload: toDOMString(data), kind: 'text' };
}

/**
 * SPEC §3, after the CONNECTING check: strict rejects an unpaired surrogate (SyntaxError);
 * standard replaces it with U+FFFD (USVString), or leaves that to an engine whose own encoding
 * does the same (`engineEncodesUSV`, Backend.encodesUSV; issue 13: this toWellFormed pass was
 * ~4 % of a 4 KB astral send on `ws`). bufferedAmount counts an unpaired surrogate 3 bytes
 * either way (utf8ByteLength).
 */
export function checkText(d: SendData, mode: Mode, engineEncodesUSV?: boolean): SendData {
  if (d.kind !== 'text') return d;
  const text = d.payload as string;
  if (mode === 'strict') {
    if (hasUnpairedSurrogate(text)) {
      throw domException('SyntaxError', "Failed to execute 'send' on 'WebSocket': The message contains an unpaired surrogate.");
    }
    return d;
  }
  // The object is the one toSendData made for this call: changed in place, not copied.
  if (!engineEncodesUSV) d.payload = toWellFormed(text);
  return d;
}

/** The bytes the message adds to bufferedAmount: UTF-8 length, byte length, Blob size (no framing). */
export function sizeOf(d: SendData): number {
  if (d.kind === 'text') return utf8ByteLength(d.payload as string);
  if (d.kind === 'blob') return (d.payload as Blob).size;
  return (d.payload as ArrayBuffer | ArrayBufferView).byteLength;
}
