import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { now, sleep } from './clock.js';
import { WorkloadSkipped } from './workload-skipped.js';

let ticksPerSecond: number | undefined;

/** CPU time (user + system) a process has used, in ms: /proc/<pid>/stat fields 14 and 15. */
export function readCpuMs(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    throw new WorkloadSkipped('CPU time needs /proc (Linux)');
  }
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/** Percent of one core a process used over `ms` of wall time. */
export async function cpuPercentOver(pid: number, ms: number): Promise<number> {
  const cpu0 = readCpuMs(pid);
  const t0 = now();
  await sleep(ms);
  return ((readCpuMs(pid) - cpu0) / (now() - t0)) * 100;
}
