#!/usr/bin/env node
// `npm install` runs `prepare`, and so does the first `npx moltbot` in this folder (npm installs
// the folder's own package into its npx cache): a full build each time took minutes before a
// newcomer's first command answered. Build only when a source is newer than the last build.
// `--stamp` (the end of `npm run build`) records a finished build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const INPUTS = ['bin', 'kernel', 'sdk', 'plugins', 'bench', 'examples', 'tsconfig.json', 'package.json'];
const SKIP = new Set(['node_modules', 'dist', '.git']);

if (process.argv.includes('--stamp')) {
  fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
  process.exit(0);
}

function newestMtime(entry) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) {
    if (!SKIP.has(name)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
const newest = Math.max(...INPUTS.map((i) => newestMtime(path.join(root, i))));
if (built > newest) {
  console.log('moltbot: the build in dist/ is up to date (npm run build rebuilds it anyway)');
  process.exit(0);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
