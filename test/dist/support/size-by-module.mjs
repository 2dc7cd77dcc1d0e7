// Where the bytes of a minified build go, per source module (issue 13): every character of the
// minified file is attributed, through its source map, to the source file of the nearest
// mapping at or before it. Per module: minified bytes, and gzip (zlib 9) of that module's
// characters alone (the sum of those exceeds the whole file's gzip: modules share a dictionary).
// Usage: node test/dist/support/size-by-module.mjs [dist/websocket-shim.umd.min.js]
import { readFileSync } from 'node:fs';
import { gzipSync, constants } from 'node:zlib';
import { join } from 'node:path';
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';
import { root } from './sandbox.mjs';

export function sizeByModule(file) {
  const code = readFileSync(join(root, file), 'utf8');
  const map = new TraceMap(readFileSync(join(root, file + '.map'), 'utf8'));
  const lines = code.split('\n');
  const lineStart = [];
  let off = 0;
  for (const l of lines) { lineStart.push(off); off += l.length + 1; }
  const marks = [];
  eachMapping(map, (m) => marks.push([lineStart[m.generatedLine - 1] + m.generatedColumn, m.source]));
  marks.sort((a, b) => a[0] - b[0]);
  const chars = new Map();
  let cur = '(wrapper)';
  let mi = 0;
  for (let i = 0; i < code.length; i++) {
    while (mi < marks.length && marks[mi][0] <= i) { if (marks[mi][1]) cur = marks[mi][1].replace(/^(\.\.\/)+/, ''); mi++; }
    if (!chars.has(cur)) chars.set(cur, []);
    chars.get(cur).push(code[i]);
  }
  const z = (s) => gzipSync(Buffer.from(s), { level: constants.Z_BEST_COMPRESSION }).length;
  const rows = [...chars].map(([src, cs]) => ({ src, min: Buffer.byteLength(cs.join('')), gzip: z(cs.join('')) }));
  rows.sort((a, b) => b.min - a.min);
  return { total: { min: Buffer.byteLength(code), gzip: z(code) }, rows };
}

if (process.argv[1] && process.argv[1].endsWith('size-by-module.mjs')) {
  const file = process.argv[2] || 'dist/websocket-shim.umd.min.js';
  const { total, rows } = sizeByModule(file);
  console.log(`| module | min bytes | gzip alone |\n| --- | ---: | ---: |`);
  for (const r of rows) console.log(`| ${r.src} | ${r.min} | ${r.gzip} |`);
  console.log(`| **${file}** | **${total.min}** | **${total.gzip}** |`);
}
