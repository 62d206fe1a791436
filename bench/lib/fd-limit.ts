import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const REEXEC_FLAG = 'BENCH_FD_LIMIT_RAISED';

/** Soft and hard limits on open files for this process (`ulimit -n`). */
export function openFileLimits(): { soft: number; hard: number } {
  try {
    const limits = readFileSync('/proc/self/limits', 'utf8');
    const match = /^Max open files\s+(\S+)\s+(\S+)/m.exec(limits);
    if (match) return { soft: parseLimit(match[1]!), hard: parseLimit(match[2]!) };
  } catch {
    // not Linux
  }
  const sh = (flag: string): number =>
    parseLimit(execFileSync('sh', ['-c', `ulimit ${flag}`], { encoding: 'utf8' }).trim());
  return { soft: sh('-Sn'), hard: sh('-Hn') };
}

function parseLimit(text: string): number {
  return text === 'unlimited' ? Number.POSITIVE_INFINITY : Number(text);
}

/**
 * Makes sure this process (and the servers it spawns, which inherit the limit) may open
 * `needed` files. When the soft limit is lower, re-runs this same command under
 * `sh -c 'ulimit -n N; exec node …'` and exits with its status; returns only when the limit
 * is sufficient, or when it cannot be raised (then returns a warning to print).
 */
export function ensureOpenFileLimit(needed: number): string | undefined {
  const { soft, hard } = openFileLimits();
  if (soft >= needed) return undefined;
  const wanted = Math.min(Math.max(needed, 65535), hard);
  if (process.env[REEXEC_FLAG] || wanted < needed) {
    return (
      `open-file limit is ${soft} (hard ${hard}); ${needed} needed for the largest workloads. ` +
      `Raise it (ulimit -n ${needed}) or expect connection errors.`
    );
  }
  const script = `ulimit -n ${wanted} && exec "$0" "$@"`;
  const child = spawnSync('sh', ['-c', script, process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [REEXEC_FLAG]: '1' },
  });
  process.exit(child.status ?? 1);
}
