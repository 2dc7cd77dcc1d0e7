// A tiny app that uses the bundler side-effect import (SPEC §1): importing it installs the
// shim on globalThis; the rest of the app just uses WebSocket.
import 'websocket-shim/auto';

window.__appLoaded = 'auto';
