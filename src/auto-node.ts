/** `import 'websocket-shim/auto'` in Node: the Node entry, then install. */
import { install } from './node';

export * from './node';

install();
