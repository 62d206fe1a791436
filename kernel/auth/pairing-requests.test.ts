import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '../store/database.js';
import { type PairingAsk, PairingRequests } from './pairing-requests.js';

let dir: string;
let db: SqliteDatabase;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairing-requests-'));
  db = openDatabase(path.join(dir, 'db.sqlite'));
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ask = (deviceId: string, role = 'node'): PairingAsk => ({
  deviceId,
  publicKey: `pk-${deviceId}`,
  role,
  scopes: ['node'],
  clientId: 'node-host',
  clientMode: 'node',
  remoteIp: '127.0.0.1',
  browser: false,
  isRepair: false,
});

describe('PairingRequests', () => {
  it('one request per device and role: a reconnect refreshes it, keeps its id and its expiry', () => {
    const p = new PairingRequests(db);
    const a = p.request(ask('d1'), 1000);
    expect(a.created).toBe(true);
    const again = p.request({ ...ask('d1'), displayName: 'renamed' }, 5000);
    expect(again.created).toBe(false);
    expect(again.request.requestId).toBe(a.request.requestId);
    expect(again.request.expiresAtMs).toBe(a.request.expiresAtMs);
    expect(p.list(5000)).toEqual([again.request]);
    expect(p.request(ask('d1', 'operator'), 5000).created).toBe(true);
  });

  it('a request expires after the TTL; the next connect gets a new id', () => {
    const p = new PairingRequests(db);
    p.configure({ ttlMs: 1000 });
    const a = p.request(ask('d1'), 0);
    expect(p.get(a.request.requestId, 999)).toBeDefined();
    expect(p.get(a.request.requestId, 1000)).toBeUndefined();
    expect(p.list(1000)).toEqual([]);
    const b = p.request(ask('d1'), 1000);
    expect(b.created).toBe(true);
    expect(b.request.requestId).not.toBe(a.request.requestId);
  });

  it('at most maxPending wait: the oldest go first', () => {
    const p = new PairingRequests(db);
    p.configure({ maxPending: 2 });
    p.request(ask('d1'), 1);
    p.request(ask('d2'), 2);
    p.request(ask('d3'), 3);
    expect(p.list(4).map((r) => r.deviceId)).toEqual(['d2', 'd3']);
  });

  it('take removes a waiting request once; the store survives a reopen', () => {
    let p = new PairingRequests(db);
    const a = p.request(ask('d1'));
    db.close();
    db = openDatabase(path.join(dir, 'db.sqlite'));
    p = new PairingRequests(db);
    expect(p.take(a.request.requestId)?.deviceId).toBe('d1');
    expect(p.take(a.request.requestId)).toBeUndefined();
  });

  it('configure keeps defaults for what is not given', () => {
    const p = new PairingRequests(db);
    p.configure({ ttlMs: 5, autoApproveWithSecret: undefined });
    expect(p.settings).toEqual({
      ttlMs: 5,
      maxPending: 50,
      autoApproveWithSecret: true,
      allowInsecureBrowserAuth: false,
    });
  });
});
