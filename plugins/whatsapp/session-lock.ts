import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface LockHolder {
  pid: number;
  token: string;
  since: number;
}

/**
 * One gateway per host holds WhatsApp sessions: a lock file in the credentials folder. A lock
 * of a dead process is taken over; a newer generation in the same process takes it over too
 * (reloads), and only the current holder's release deletes it.
 */
export class SessionLock {
  readonly token = randomUUID();

  constructor(private readonly file: string) {}

  static at(root: string): SessionLock {
    return new SessionLock(path.join(root, 'gateway.lock'));
  }

  /** Take the lock, or return who holds it. */
  acquire(): { ok: true } | { ok: false; holder: LockHolder } {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const holder = this.read();
    if (holder && holder.pid !== process.pid && processAlive(holder.pid)) return { ok: false, holder };
    const mine: LockHolder = { pid: process.pid, token: this.token, since: Date.now() };
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(mine), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
    return { ok: true };
  }

  release(): void {
    if (this.read()?.token === this.token) fs.rmSync(this.file, { force: true });
  }

  private read(): LockHolder | undefined {
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as LockHolder;
    } catch {
      return undefined;
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
