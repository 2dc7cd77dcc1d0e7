/**
 * The ponyfill entry (SPEC §1): the patched WebSocket and the API, touching no global.
 */
import { createWebSocketClass as create, WebSocketClass } from './websocket';
import { getEventClasses } from './events';
import { getTargetKind } from './event-target';
import { backendFor, resolveBackend } from './backends';
import { Mode } from './modes';
import { applyCapabilities, EngineCapabilities } from './capabilities';

export { install, uninstall } from './install';
export type { InstallOptions } from './install';
export { detect } from './detect';
export type { DetectReport } from './detect';
export { version } from './version';
export type { Mode } from './modes';
export type { WebSocketClass } from './websocket';
export type { EngineCapabilities } from './capabilities';

export interface CreateOptions {
  mode?: Mode;
  /** A WebSocket constructor to wrap (browser, MozWebSocket, a webview's, Node's) or the `ws` class. */
  native?: any;
  /** What the engine cannot send, where no probe can see it (README "Binary data"). */
  capabilities?: EngineCapabilities;
}

/** A patched WebSocket class for another mode or a given native constructor. */
export function createWebSocketClass(options?: CreateOptions): WebSocketClass {
  const o = options || {};
  const caps = o.capabilities;
  return create({
    mode: o.mode,
    backend: o.native
      ? applyCapabilities(backendFor(o.native), caps)
      : function () {
          return applyCapabilities(resolveBackend(), caps);
        }
  });
}

const events = getEventClasses(getTargetKind().native);

/** The patched WebSocket (strict mode, the host's engine, resolved at first use). */
export const WebSocket: WebSocketClass = createWebSocketClass();
/** The native CloseEvent where conformant, else the package's own. */
export const CloseEvent: any = events.CloseEvent;
/** The native MessageEvent where conformant, else the package's own. */
export const MessageEvent: any = events.MessageEvent;
