/**
 * The host's own types where the program has them (lib.dom, @types/node), else small
 * standalone shapes: the public declarations compile with neither DOM nor @types/node, and
 * where DOM is present they are lib.dom's, so values pass both ways.
 */
type Host = typeof globalThis;

/** A minimal Event, for programs without lib.dom or @types/node. */
export interface StandaloneEvent {
  readonly type: string;
  readonly target: unknown;
  readonly currentTarget: unknown;
  readonly timeStamp: number;
  readonly bubbles: boolean;
  readonly cancelable: boolean;
  readonly defaultPrevented: boolean;
  preventDefault(): void;
  stopPropagation(): void;
  stopImmediatePropagation(): void;
}

export type HostEvent = Host extends { Event: { prototype: infer E } } ? E : StandaloneEvent;

/** A CloseEvent: code, reason, wasClean (WHATWG WebSockets). */
export type HostCloseEvent = Host extends { CloseEvent: { prototype: infer E } }
  ? E
  : HostEvent & { readonly code: number; readonly reason: string; readonly wasClean: boolean };

/** A MessageEvent: data is a string (text frame), a Blob or an ArrayBuffer (binary frame, by binaryType). */
export type HostMessageEvent = Host extends { MessageEvent: { prototype: infer E } }
  ? E
  : HostEvent & {
      readonly data: any;
      readonly origin: string;
      readonly lastEventId: string;
      readonly source: unknown;
      readonly ports: ReadonlyArray<unknown>;
    };

/** Blob where the program knows one; without DOM and @types/node there is no Blob to pass. */
export type HostBlob = Host extends { Blob: { prototype: infer B } } ? B : never;

/** Headers where the program knows one (undici's WebSocketInit takes a Headers object). */
export type HostHeaders = Host extends { Headers: { prototype: infer H } } ? H : never;

/** URL where the program knows one. */
export type HostURL = Host extends { URL: { prototype: infer U } } ? U : never;

/** Options for addEventListener, as lib.dom's AddEventListenerOptions. */
export interface ListenerOptions {
  capture?: boolean;
  once?: boolean;
  passive?: boolean;
  signal?: unknown;
}

/** A listener function or an object with handleEvent, as lib.dom's EventListenerOrEventListenerObject. */
export type AnyListener = ((event: HostEvent) => void) | { handleEvent(event: HostEvent): void };
