import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Resident set size of a process in kilobytes (Linux: /proc VmRSS; elsewhere: `ps`). */
export function readRssKb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    if (match) return Number(match[1]);
  } catch {
    // not Linux, or the process is gone: fall through to ps
  }
  const out = execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim();
  const kb = Number(out);
  if (!Number.isFinite(kb) || kb <= 0) throw new Error(`cannot read RSS of pid ${pid}`);
  return kb;
}
