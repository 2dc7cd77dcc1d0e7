/** `import 'websocket-shim/auto'`: installs on globalThis (SPEC §1). */
import { install, WebSocket as Ponyfill } from './index';
import type { WebSocketConstructor } from './public';

export * from './index';

/**
 * The installed global (this copy's, or the one an earlier copy installed), so `instanceof`
 * agrees across the ways in; the ponyfill class only where there is nothing to wrap.
 */
export const WebSocket: WebSocketConstructor = install() || Ponyfill;
