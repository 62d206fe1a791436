import fs from 'node:fs';
import path from 'node:path';
import type { DoctorContext, Finding } from './finding.js';

function modeOf(file: string): number | undefined {
  try {
    const st = fs.lstatSync(file);
    return st.isSymbolicLink() ? undefined : st.mode & 0o777;
  } catch {
    return undefined;
  }
}

function expectMode(file: string, want: number, what: string): Finding | undefined {
  const mode = modeOf(file);
  if (mode === undefined || (mode & 0o077) === 0) return undefined;
  return {
    check: 'file-mode',
    severity: 'error',
    message: `${what} ${file} is mode ${mode.toString(8).padStart(4, '0')}: others can read it`,
    fix: `chmod ${want.toString(8)} ${file}`,
    repair: () => fs.chmodSync(file, want),
  };
}

/** Every entry under `dir` (bounded depth and count), skipping symlinks. */
function walk(dir: string, depth = 0, acc: string[] = []): string[] {
  if (depth > 6 || acc.length > 10_000) return acc;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return acc;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isSymbolicLink()) continue;
    acc.push(p);
    if (e.isDirectory()) walk(p, depth + 1, acc);
  }
  return acc;
}

/** Config and credentials 0600, state dirs 0700 (they hold tokens, sessions and WhatsApp keys). */
export function checkFileModes(ctx: DoctorContext): Finding[] {
  const { paths } = ctx;
  const out: Array<Finding | undefined> = [];
  out.push(expectMode(paths.stateDir, 0o700, 'state dir'));
  out.push(expectMode(paths.configPath, 0o600, 'config'));
  for (const dir of [paths.logDir, paths.credentialsDir]) {
    out.push(expectMode(dir, 0o700, 'folder'));
    for (const p of walk(dir)) {
      const isDir = fs.statSync(p, { throwIfNoEntry: false })?.isDirectory();
      out.push(
        expectMode(
          p,
          isDir ? 0o700 : 0o600,
          isDir ? 'folder' : dir === paths.credentialsDir ? 'credential file' : 'log file',
        ),
      );
    }
  }
  for (const suffix of ['', '-wal', '-shm']) out.push(expectMode(`${paths.databasePath}${suffix}`, 0o600, 'database'));
  return out.filter((f): f is Finding => f !== undefined);
}
