import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export interface PortOwner {
  pid: number;
  command: string;
}

/** Processes listening on a TCP port (Linux: /proc; elsewhere: lsof). */
export function findListeners(port: number): PortOwner[] {
  if (process.platform === 'linux') return linuxListeners(port);
  try {
    const out = execFileSync('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpc'], { encoding: 'utf8' });
    const owners: PortOwner[] = [];
    let pid = 0;
    for (const line of out.split('\n')) {
      if (line.startsWith('p')) pid = Number(line.slice(1));
      else if (line.startsWith('c') && pid) owners.push({ pid, command: line.slice(1) });
    }
    return owners;
  } catch {
    return [];
  }
}

function linuxListeners(port: number): PortOwner[] {
  const inodes = new Set<string>();
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = fs.readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // cols[1] local address "0100007F:4965", cols[3] state 0A = LISTEN, cols[9] inode
      if (cols.length > 9 && cols[3] === '0A' && cols[1]!.endsWith(`:${hexPort}`)) inodes.add(cols[9]!);
    }
  }
  if (inodes.size === 0) return [];
  const owners: PortOwner[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let link = '';
      try {
        link = fs.readlinkSync(`/proc/${entry}/fd/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (m && inodes.has(m[1]!)) {
        let command = '';
        try {
          command = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
        } catch {
          /* gone */
        }
        owners.push({ pid: Number(entry), command });
        break;
      }
    }
  }
  return owners;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * `--force`: stop whatever listens on the port — SIGTERM, then SIGKILL after the grace period.
 * Returns what it stopped so the caller can log it.
 */
export async function freePort(
  port: number,
  graceMs = 3000,
): Promise<Array<PortOwner & { signal: 'SIGTERM' | 'SIGKILL' }>> {
  const owners = findListeners(port);
  const stopped: Array<PortOwner & { signal: 'SIGTERM' | 'SIGKILL' }> = [];
  for (const o of owners) {
    try {
      process.kill(o.pid, 'SIGTERM');
    } catch {
      continue;
    }
    const deadline = Date.now() + graceMs;
    while (alive(o.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (alive(o.pid)) {
      try {
        process.kill(o.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      stopped.push({ ...o, signal: 'SIGKILL' });
    } else {
      stopped.push({ ...o, signal: 'SIGTERM' });
    }
  }
  // The kernel may need a moment to release the socket after the owner exits.
  const until = Date.now() + 2000;
  while (findListeners(port).length && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return stopped;
}
