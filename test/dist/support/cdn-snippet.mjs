// The README's CDN snippet: the script-tag build from unpkg and jsDelivr, pinned to the package
// version, with its Subresource Integrity hash (computed by the build into dist/sri.json) and
// crossorigin. test/dist/sri.test.mjs fails when the README's block is not the one the current
// build gives.
//   node test/dist/support/cdn-snippet.mjs --write   (npm run readme:cdn) rewrites the block
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const README = join(root, 'README.md');
export const START = '<!-- cdn:start -->';
export const END = '<!-- cdn:end -->';
export const FILE = 'dist/websocket-shim.umd.min.js';

export const CDNS = [
  ['unpkg', (v) => `https://unpkg.com/websocket-shim@${v}/${FILE}`],
  ['jsDelivr', (v) => `https://cdn.jsdelivr.net/npm/websocket-shim@${v}/${FILE}`]
];

/** The block for `version` and the min build's `integrity` value. */
export function renderSnippet(version, integrity) {
  const tags = CDNS.map(
    ([name, url]) => `<!-- ${name} -->\n<script src="${url(version)}"\n        integrity="${integrity}"\n        crossorigin="anonymous"></script>`
  );
  return [
    START,
    '<!-- Generated from dist/sri.json by `npm run readme:cdn` (node test/dist/support/cdn-snippet.mjs --write); do not edit by hand. -->',
    '',
    '```html',
    tags.join('\n'),
    '```',
    '',
    `The \`integrity\` value is the SHA-384 of \`${FILE}\` in version ${version}, computed by the build (\`dist/sri.json\`,`,
    'which also has the readable build\'s and the modern build\'s, `dist/websocket-shim.modern.umd.min.js`). The browser refuses the file if a byte differs; `crossorigin` is what',
    'lets it check a file from another origin.',
    END
  ].join('\n');
}

export function currentSnippet() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const sri = JSON.parse(readFileSync(join(root, 'dist', 'sri.json'), 'utf8'));
  return renderSnippet(pkg.version, sri['websocket-shim.umd.min.js']);
}

/** The README with the block replaced, or null when the markers are missing. */
export function updatedReadme(text, block) {
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a === -1 || b === -1 || b < a) return null;
  return text.slice(0, a) + block + text.slice(b + END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--write')) {
  const text = readFileSync(README, 'utf8');
  const next = updatedReadme(text, currentSnippet());
  if (next === null) {
    console.error(`README.md has no ${START} … ${END} block`);
    process.exit(1);
  }
  if (next !== text) writeFileSync(README, next);
  console.log(next !== text ? 'README.md CDN snippet written' : 'README.md CDN snippet already up to date');
}
