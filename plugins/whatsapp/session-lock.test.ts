import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SessionLock } from './session-lock.js';

describe('SessionLock', () => {
  const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'wa-lock-'));

  it('refuses while another live process holds it', () => {
    const root = dir();
    fs.writeFileSync(path.join(root, 'gateway.lock'), JSON.stringify({ pid: process.ppid, token: 'other', since: 1 }));
    const result = SessionLock.at(root).acquire();
    expect(result).toEqual({ ok: false, holder: expect.objectContaining({ pid: process.ppid }) });
  });

  it('takes over a dead holder, is private, and only its holder releases it', () => {
    const root = dir();
    const file = path.join(root, 'gateway.lock');
    fs.writeFileSync(file, JSON.stringify({ pid: 2 ** 22 + 12345, token: 'dead', since: 1 }));
    const first = SessionLock.at(root);
    expect(first.acquire()).toEqual({ ok: true });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // A newer generation in the same process takes it over; the old one's release leaves it alone.
    const second = SessionLock.at(root);
    expect(second.acquire()).toEqual({ ok: true });
    first.release();
    expect(fs.existsSync(file)).toBe(true);
    second.release();
    expect(fs.existsSync(file)).toBe(false);
  });
});
