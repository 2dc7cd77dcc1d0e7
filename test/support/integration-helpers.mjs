// ESM view of integration-helpers.cjs (the suites are CommonJS so they run on old Node too;
// this keeps .mjs suites working).
import helpers from './integration-helpers.cjs';

export const {
  startServer, root, pkgDir, distDir, rmTree, nodeCjs, nodeMjs, autoCjs, autoMjs, shim, expect, BACKEND, NODE_FLAGS,
  NO_BUILTIN_FLAGS, WS_VERSION, nativeCtor, G, Blob, NO_BLOB_REASON, Event, EventTarget, DOMException, esmLoader,
  NO_ESM_REASON, skipBecause, EMPTY_MESSAGE_HELD, EMPTY_MESSAGE_REASON, MODES, classFor, uid, wsUrl, delay, makeTracker, nextEvent, opened, openSocket, closed,
  recordEvents, utf8Hex, hexOf, frames, expectDOMException, expectTypeError, refusedPort, runNode, catchReported
} = helpers;
