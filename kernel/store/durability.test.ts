import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planReload } from '../config/reload-plan.js';
import { formatIssues, validateConfig } from '../config/validate-config.js';
import { openDatabase, type SqliteDatabase, setDurability } from './database.js';

const dirs: string[] = [];
const dbs: SqliteDatabase[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function open(durability?: 'process' | 'power'): SqliteDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'durability-'));
  dirs.push(dir);
  const db = openDatabase(path.join(dir, 'store', 'moltbot.sqlite'), durability);
  dbs.push(db);
  return db;
}

/** SQLite's synchronous levels: 1 = NORMAL, 2 = FULL. */
const synchronous = (db: SqliteDatabase) => db.pragma('synchronous', { simple: true });

describe('store.durability', () => {
  it('"process" (the default) is WAL + synchronous NORMAL; "power" fsyncs every commit (FULL)', () => {
    const byDefault = open();
    expect(byDefault.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(synchronous(byDefault)).toBe(1);
    expect(synchronous(open('power'))).toBe(2);
  });

  it('a change applies to the open database', () => {
    const db = open('process');
    setDurability(db, 'power');
    expect(synchronous(db)).toBe(2);
    setDurability(db, 'process');
    expect(synchronous(db)).toBe(1);
  });

  it('an unknown mode is refused with the path and the accepted values', () => {
    const result = validateConfig({ store: { durability: 'fast' } }, []);
    expect(result.ok).toBe(false);
    const text = formatIssues(result.issues);
    expect(text).toContain('store.durability');
    expect(validateConfig({ store: { durability: 'power' } }, []).ok).toBe(true);
    expect(validateConfig({ store: { durability: 'power' } }, []).issues).toEqual([]);
  });

  it('a change is a kernel setting applied live, not a restart', () => {
    const plan = planReload({
      mode: 'hybrid',
      changed: ['store.durability'],
      before: new Map(),
      after: new Map(),
      keysOf: () => [],
    });
    expect(plan.restart).toBe(false);
    expect(plan.kernel).toEqual(['store.durability']);
  });
});
