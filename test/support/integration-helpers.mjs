// ESM view of integration-helpers.cjs (the suites are being moved to CommonJS so they run
// on old Node too; this keeps .mjs suites working meanwhile).
import helpers from './integration-helpers.cjs';

export const {
  startServer, root, distDir, nodeCjs, nodeMjs, autoCjs, autoMjs, shim, expect, BACKEND, NODE_FLAGS, nativeCtor,
  MODES, classFor, uid, wsUrl, delay, makeTracker, nextEvent, opened, openSocket, closed, recordEvents, utf8Hex,
  hexOf, frames, expectDOMException, expectTypeError, refusedPort, runNode, catchReported
} = helpers;
