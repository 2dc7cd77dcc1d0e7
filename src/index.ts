/**
 * The ponyfill entry (SPEC §1): the patched WebSocket and the API, touching no global.
 * Each export carries its public type (src/public.ts): the bundled declarations name only
 * those, never the internal modules.
 */
import { createWebSocketClass as create } from './websocket';
import { getEventClasses } from './events';
import { getTargetKind } from './event-target';
import { backendFor, resolveBackend } from './backends';
import { applyCapabilities } from './capabilities';
import { install as installImpl } from './install';
import { detect as detectImpl } from './detect';
import { refusingClass } from './entry-support';
import type * as Public from './public';

export { uninstall } from './install';
export { version } from './version';
export type { InstallOptions, CreateOptions, DetectReport, Mode, EngineCapabilities, WebSocketClass } from './public';

/** A patched WebSocket class for another mode or a given native constructor. */
export function createWebSocketClass(options?: Public.CreateOptions): Public.WebSocketConstructor {
  const o = options || {};
  const caps = o.capabilities;
  return create({
    mode: o.mode,
    backend: o.native
      ? applyCapabilities(backendFor(o.native), caps)
      : function () {
          return applyCapabilities(resolveBackend(), caps);
        }
  }) as unknown as Public.WebSocketConstructor;
}

/** install(): the public type over install.ts (which returns the internal class type). */
export const install: typeof Public.install = installImpl as unknown as typeof Public.install;

/** detect(): the public report type (named features, Mode, the documented names). */
export const detect: typeof Public.detect = detectImpl as unknown as typeof Public.detect;

/** The default class; where the entry refuses the engine (modern entry), one whose constructor throws why. */
function defaultClass(): Public.WebSocketConstructor {
  return refusingClass() || createWebSocketClass();
}

/** The event classes for this host's EventTarget (chosen once, when first asked). */
function eventClass(name: 'CloseEvent' | 'MessageEvent'): any {
  return getEventClasses(getTargetKind().native)[name];
}

// Each export is a pure call (no other work at module scope): a bundle keeps only what it imports (issue 13).
/** The patched WebSocket (strict mode, the host's engine, resolved at first use). */
export const WebSocket: Public.WebSocketConstructor = /*#__PURE__*/ defaultClass();
/** The native CloseEvent where conformant, else the package's own. */
export const CloseEvent: Public.CloseEventConstructor = /*#__PURE__*/ eventClass('CloseEvent');
/** The native MessageEvent where conformant, else the package's own. */
export const MessageEvent: Public.MessageEventConstructor = /*#__PURE__*/ eventClass('MessageEvent');
