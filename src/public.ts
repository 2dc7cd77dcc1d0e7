/**
 * The public API as declarations: the input of the bundled types (dist/websocket-shim.d.mts,
 * .d.cts; rollup.config.mjs). Every entry exports exactly this; src/index.ts annotates its
 * exports with these types, and test/types checks that the two agree.
 */
export * from './types/websocket';
export * from './types/api';
