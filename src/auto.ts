/** `import 'websocket-shim/auto'`: installs on globalThis (SPEC §1). */
import { install } from './index';

export * from './index';

install();
