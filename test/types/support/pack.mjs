// The package as npm would install it: `npm pack` (only what package.json "files" ships),
// unpacked into <dir>/node_modules/websocket-shim. TypeScript and @types/node come from this
// repository's node_modules, linked in.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, symlinkSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export function packInto(dir) {
  const packDir = join(dir, '.pack');
  mkdirSync(packDir, { recursive: true });
  execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', packDir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const tgz = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
  execFileSync('tar', ['xzf', join(packDir, tgz), '-C', packDir]);
  const nodeModules = join(dir, 'node_modules');
  mkdirSync(join(nodeModules, '@types'), { recursive: true });
  renameSync(join(packDir, 'package'), join(nodeModules, 'websocket-shim'));
  for (const dep of ['@types/node', 'undici-types']) {
    const from = join(root, 'node_modules', dep);
    if (existsSync(from)) symlinkSync(from, join(nodeModules, dep), 'dir');
  }
  return join(packDir, tgz);
}
