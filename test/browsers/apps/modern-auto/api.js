// The modern ponyfill's API, for the page (test/browsers/pages/app.mjs): set before
// 'websocket-shim/modern/auto' runs, so it is there even where that import throws.
import { detect, install } from 'websocket-shim/modern';

window.__modernApi = { detect, install };
