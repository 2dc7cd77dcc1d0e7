// `npm run fuzz`: the fuzz suites of test/run-all.mjs with 50 times the CI runs (≥ 1,000,000
// conversion cases, 4,000 socket command sequences per backend); FUZZ_SCALE / FUZZ_SEED override.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const runAll = fileURLToPath(new URL('../run-all.mjs', import.meta.url));
const env = { ...process.env, FUZZ_SCALE: process.env.FUZZ_SCALE || '50' };
const r = spawnSync(process.execPath, [runAll, 'fuzz'], { stdio: 'inherit', env });
process.exit(r.status === null ? 1 : r.status);
