/** The CJS build src/node-esm.ts wraps (rollup.config.mjs resolves the id). */
declare module 'websocket-shim:node-cjs' {
  const api: typeof import('../node');
  export default api;
}
