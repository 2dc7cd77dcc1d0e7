// The README's legacy-engine compatibility table, generated from the profiles
// (test/legacy/profiles.mjs) and the ES5 engines (test/legacy/support/es5-engines.mjs).
//   node test/legacy/readme-table.mjs           prints it
//   node test/legacy/readme-table.mjs --write   replaces the block between the markers in README.md
// test/legacy/readme-table.test.mjs fails when the README is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROFILES } from './profiles.mjs';
import { ENGINES, root } from './support/es5-engines.mjs';
import { DENO_BUN_PINS, OLDER_DENO, OLDER_BUN } from '../runtimes/fetch-deno-bun.mjs';
import { REAL, nativePasses, shimFailures } from '../engines-real/differences.mjs';
import { CHECKS } from '../../conformance/checks.mjs';

export const START = '<!-- profiles:start -->';
export const END = '<!-- profiles:end -->';
export const README = join(root, 'README.md');

const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Deno and Bun can be installed: the pinned releases also run for real (test/engines-real/). */
function realDenoBun() {
  const n = CHECKS.length;
  const gone = Object.keys(REAL.bun.gone).length + REAL.bun.cannotGone.length;
  return [
    `Deno and Bun can be installed, so besides their profiles (older releases) Deno ${DENO_BUN_PINS.deno} and Bun ${DENO_BUN_PINS.bun}`,
    'also run for real (`test/engines-real/deno-bun.test.mjs`; exact versions in `test/runtimes/deno-bun.json`,',
    'binaries from the npm registry): the checks pass on the native WebSocket',
    `${nativePasses('deno')} / ${n} (Deno) and ${nativePasses('bun')} / ${n} (Bun), and through the shim ${n} / ${n} in strict and standard mode, for`,
    "`websocket-shim` and `websocket-shim/modern` imported by name (package.json `exports` give both runtimes",
    'the `node` builds) and `dist/websocket-shim.mjs` and `dist/modern.mjs` imported by URL (the generic builds);',
    `\`detect().backend\` is \`deno\` / \`bun\`. Bun ${DENO_BUN_PINS.bun} no longer has ${gone} of the profile's behaviours (close codes`,
    'validated, `close()` without a code sends no status, `bufferedAmount` counts after close) and has others the',
    'profile does not model (a plain `Error` named SyntaxError instead of a DOMException, no `error` event before',
    `an abnormal close); Deno ${DENO_BUN_PINS.deno} has ${Object.keys(REAL.deno.gone).length ? 'most' : 'every'} behaviour of its profile and ${Object.keys(REAL.deno.extra).length} more`,
    '(`MessageEvent.origin` is the whole URL; `close(undefined, reason)` sends the reason without a status code; a server that selects no',
    'protocol is not refused). The shim normalizes all of them.',
    ...olderDeno(),
    ...olderBun()
  ];
}

/** The older Deno releases the same suite runs on: each gives the pinned release's native results, without a WebSocketInit. */
function olderDeno() {
  const n = CHECKS.length;
  return OLDER_DENO.flatMap((key) => [
    `Deno ${DENO_BUN_PINS[key]} runs in the same suite (\`denoOlder\` in the pins): natively it gives the same results as ${DENO_BUN_PINS.deno}`,
    `(${nativePasses(key)} / ${n}); through the shim it passes ${n - shimFailures(key, 'strict').length} / ${n} in strict and ${n - shimFailures(key, 'standard').length} / ${n} in standard mode. Before 2.5 the`,
    "constructor takes no `WebSocketInit` (`denoNoWebSocketInit`): backend options are not passed (`unsupported: backendOptions`)."
  ]);
}

/** The older Bun releases the same suite runs on: what the shim normalizes there and what stays unsupported. */
function olderBun() {
  const n = CHECKS.length;
  const passes = (key, mode) => `${n - shimFailures(key, mode).length} / ${n}`;
  const failing = (key) => {
    const all = [...new Set([...shimFailures(key, 'strict'), ...shimFailures(key, 'standard')])].sort();
    return all.map((id) => `\`${id}\`${shimFailures(key, 'strict').includes(id) ? '' : ' (standard mode)'}`).join(', ');
  };
  const [v144, v143, v1314] = ['bun@1.4.4', 'bun@1.4.3', 'bun@1.3.14'];
  const and = (keys) => keys.map((k) => DENO_BUN_PINS[k]).join(', ').replace(/, ([^,]*)$/, ' and $1');
  return [
    `Older Bun releases run in the same suite (\`bunOlder\` in the pins: Bun ${and(OLDER_BUN)}).`,
    `Bun ${DENO_BUN_PINS[v144]}, the first whose \`close()\` without a code sends no status and which fails the connection itself`,
    `on a protocol mismatch, gives the same native results as ${DENO_BUN_PINS.bun} (${nativePasses(v144)} / ${n}); through the shim it passes`,
    `${passes(v144, 'strict')} in strict and ${passes(v144, 'standard')} in standard mode, and \`detect()\` names neither quirk. Through the shim`,
    `Bun ${DENO_BUN_PINS[v143]} passes ${passes(v143, 'strict')} in strict mode and ${passes(v143, 'standard')} in standard: the shim fails the connection`,
    'where Bun closes cleanly with 1002 "Missing client protocol" (`bunProtocolMismatchClosesCleanly`); it still fails',
    `${failing(v143)}: \`close()\` without a code sends 1000 (\`unsupported: closeWithoutStatus\`).`,
    `Bun ${DENO_BUN_PINS[v1314]} passes ${passes(v1314, 'strict')} (strict) and ${passes(v1314, 'standard')} (standard): the shim delivers the \`close\` event \`close()\` fires`,
    'inside the call in a later task (`readyState` is CLOSING after `close()`) and reports a close frame from the',
    'server as clean; it cannot make Bun send a reason longer than 3 bytes (`unsupported: closeReason`: `close()`',
    'still closes, the peer gets the code alone) nor tell a close frame without a status code from 1000',
    `(\`unsupported: closeStatusAbsent\`): it fails ${failing(v1314)}.`
  ];
}

export function renderTable() {
  const lines = [
    START,
    '<!-- Generated by `node test/legacy/readme-table.mjs --write` from test/legacy/profiles.mjs; do not edit by hand. -->',
    '',
    'Legacy browsers and webviews cannot be installed on CI, so each is a **profile** (`test/legacy/profiles.mjs`): a',
    "`vm` context with that engine's globals and an engine double that reproduces its documented",
    'WebSocket behaviour ([docs/detect.md](docs/detect.md)) over a real connection. The UMD bundle loads, detects and',
    'installs there and runs the conformance checks in both modes (`test/legacy/profiles.test.mjs`); in the',
    'React Native, Deno and Bun profiles the npm build does (`dist/websocket-shim.cjs`, what Metro bundles): the',
    'script-tag builds are for browsers and refuse every connection there (`unsupported: runtimeBuild`).',
    'Where an engine cannot do something at all, the shim fails loudly (`NotSupportedError`) and',
    '`detect().unsupported` names it; `close()` is the exception ([contract](docs/contract.md)): it never leaves a socket',
    "open, and on an engine whose `close()` takes no arguments it closes without the code.",
    'React Native cannot make a Blob from bytes: with `binaryType` `\'blob\'` the engine makes the',
    "Blobs (its BlobModule), else binary messages arrive as `ArrayBuffer`s (never dropped).",
    '',
    ...realDenoBun(),
    '',
    '| profile | engine / versions | `detect().backend` | the shim normalizes | cannot (how it fails) |',
    '| --- | --- | --- | --- | --- |'
  ];
  for (const p of PROFILES) {
    lines.push(`| \`${p.id}\` | ${cell(p.title)} | \`${p.detect.backend}\` | ${cell(p.normalizes)} | ${cell(p.limits)} |`);
  }
  lines.push(
    '',
    'The ES5 bundles also run in real ES5 engines and in Hermes, React Native\'s engine',
    "(`test/legacy/es5-engines.test.mjs`): the shim's validation, errors and events are checked",
    'there with a scripted engine double.',
    ''
  );
  for (const e of ENGINES) lines.push(`- \`${e.name}\`: ${e.note}`);
  lines.push('', END);
  return lines.join('\n');
}

/** The README with the block replaced (or null when the markers are missing). */
export function updatedReadme(text) {
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a === -1 || b === -1 || b < a) return null;
  return text.slice(0, a) + renderTable() + text.slice(b + END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--write')) {
    const text = readFileSync(README, 'utf8');
    const next = updatedReadme(text);
    if (next === null) {
      console.error(`README.md has no ${START} … ${END} block`);
      process.exit(1);
    }
    writeFileSync(README, next);
    console.log('README.md updated');
  } else {
    console.log(renderTable());
  }
}
