#!/usr/bin/env node
// No line over 120 characters in the repo's TypeScript and JavaScript (TEAM.md, STYLE.md).
// Biome's formatter wraps code at 120 but leaves long string literals, templates and comments
// alone and has no lint rule for them, so this check runs beside it in `npm run lint`.
// Files: what git tracks plus new files it does not ignore; Markdown and package-lock are not
// checked (docs tables are kept in step with the error registries by tests, not by width).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const MAX = 120;
const CHECKED = /\.(ts|mts|cts|js|mjs|cjs)$/;
const root = process.cwd();

function listFiles() {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.split('\0').filter(Boolean);
  } catch {
    // Not a git checkout (an unpacked tarball): walk the tree, skipping what git would ignore.
    const files = [];
    const walk = (dir) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
        const full = join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else files.push(relative(root, full));
      }
    };
    walk(root);
    return files;
  }
}

const offenders = [];
for (const file of listFiles()) {
  if (!CHECKED.test(file)) continue;
  let text;
  try {
    text = readFileSync(join(root, file), 'utf8');
  } catch {
    continue; // deleted in the work tree but still in the index
  }
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const width = [...lines[i]].length;
    if (width > MAX) offenders.push(`${file}:${i + 1}: ${width} characters (max ${MAX})`);
  }
}

if (offenders.length > 0) {
  process.stderr.write(`${offenders.join('\n')}\n`);
  process.stderr.write(
    `\n${offenders.length} line(s) over ${MAX} characters. Split long strings into concatenated ` +
      'literals or shorter templates; `npm run format` rewraps code.\n',
  );
  process.exit(1);
}
