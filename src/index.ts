/**
 * The ponyfill entry (SPEC §1): the patched WebSocket and the API, touching no global.
 */
import { createWebSocketClass as create, WebSocketClass } from './websocket';
import { getEventClasses } from './events';
import { getTargetKind } from './event-target';
import { backendFor, resolveBackend } from './backends';
import { Mode } from './modes';

export { install, uninstall } from './install';
export type { InstallOptions } from './install';
export { detect } from './detect';
export type { DetectReport } from './detect';
export { version } from './version';
export type { Mode } from './modes';
export type { WebSocketClass } from './websocket';

export interface CreateOptions {
  mode?: Mode;
  /** A WebSocket constructor to wrap (browser, MozWebSocket, a webview's, Node's) or the `ws` class. */
  native?: any;
}

/** A patched WebSocket class for another mode or a given native constructor. */
export function createWebSocketClass(options?: CreateOptions): WebSocketClass {
  const o = options || {};
  return create({ mode: o.mode, backend: o.native ? backendFor(o.native) : resolveBackend });
}

const events = getEventClasses(getTargetKind().native);

/** The patched WebSocket (strict mode, the host's engine, resolved at first use). */
export const WebSocket: WebSocketClass = createWebSocketClass();
/** The native CloseEvent where conformant, else the package's own. */
export const CloseEvent: any = events.CloseEvent;
/** The native MessageEvent where conformant, else the package's own. */
export const MessageEvent: any = events.MessageEvent;
