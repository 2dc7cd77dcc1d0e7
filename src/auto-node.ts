/** `import 'websocket-shim/auto'` in Node: the Node entry, then install. */
import { install, WebSocket as Ponyfill } from './node';
import type { WebSocketConstructor } from './public';

export * from './node';

/** The installed global, as in src/auto.ts. */
export const WebSocket: WebSocketConstructor = install() || Ponyfill;
