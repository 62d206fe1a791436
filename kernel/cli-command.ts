import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Every hint the gateway and the CLI print ("run … setup") names a command that works where the
 * user is: `moltbot …` when this package's CLI is on PATH (a global install, `npm link`),
 * `npx moltbot …` inside the package's folder (right after `npm install`, where `moltbot` is not
 * on PATH), otherwise `node /path/to/dist/bin/moltbot.js …` (a service unit's journal, another
 * folder). The profile flag is carried over: `npx moltbot --dev dashboard`.
 *
 * One function builds them all — `cliCommand()` — so no message names a command that is not there.
 */
export function cliCommand(args: string, profile?: string): string {
  launcher ??= detectCliLauncher({
    pathEnv: process.env.PATH ?? '',
    cwd: process.cwd(),
    binFile: CLI_BIN_FILE,
  });
  return [launcher, profileFlag(profile), args].filter(Boolean).join(' ');
}

/** `--dev` for the dev profile, `--profile <name>` for a named one, nothing for the default. */
export function profileFlag(profile: string | undefined): string {
  if (!profile) return '';
  return profile === 'dev' ? '--dev' : `--profile ${profile}`;
}

export interface LauncherInputs {
  /** `$PATH`. */
  pathEnv: string;
  cwd: string;
  /** This package's CLI entry (`<package>/dist/bin/moltbot.js`). */
  binFile: string;
  /** For tests: which files exist and where they lead (defaults to the file system). */
  realpath?: (file: string) => string | undefined;
}

/** How to start this package's CLI from `cwd` (pure apart from `realpath`; tested beside). */
export function detectCliLauncher(inputs: LauncherInputs): string {
  const real = inputs.realpath ?? realpathOrUndefined;
  const target = real(inputs.binFile) ?? inputs.binFile;
  for (const dir of inputs.pathEnv.split(path.delimiter)) {
    if (!dir) continue;
    if (real(path.join(dir, 'moltbot')) === target) return 'moltbot';
  }
  // <package>/dist/bin/moltbot.js → <package>; npx finds the package's own bin from any folder in it.
  const packageRoot = path.resolve(path.dirname(inputs.binFile), '..', '..');
  const rel = path.relative(real(packageRoot) ?? packageRoot, real(inputs.cwd) ?? inputs.cwd);
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) return 'npx moltbot';
  return `node ${shellQuote(inputs.binFile)}`;
}

let launcher: string | undefined;

/** dist/kernel/cli-command.js → dist/bin/moltbot.js */
const CLI_BIN_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'moltbot.js');

function realpathOrUndefined(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
