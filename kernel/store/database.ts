import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

/**
 * How far a committed write is kept (`store.durability`). In WAL mode a commit appends to the
 * WAL with a write(2); `synchronous = NORMAL` leaves the fsync to checkpoints, so the commit is in
 * the OS page cache when it returns: the gateway process dying (kill -9, crash, OOM) loses none of
 * it, only a power loss or kernel panic can take the last ones. `FULL` fsyncs every commit
 * (1-10 ms each on this kind of disk), which also survives power loss.
 */
export type StoreDurability = 'process' | 'power';

/** Apply a durability mode to an open database (takes effect from the next commit). */
export function setDurability(db: SqliteDatabase, durability: StoreDurability): void {
  db.pragma(durability === 'power' ? 'synchronous = FULL' : 'synchronous = NORMAL');
}

/**
 * The embedded store: one SQLite file in the state dir (WAL; an acknowledged write survives
 * `kill -9`, and power loss too under durability "power"), mode 0600.
 */
export function openDatabase(file: string, durability: StoreDurability = 'process'): SqliteDatabase {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  setDurability(db, durability);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.chmodSync(f, 0o600);
    } catch {
      /* the -wal/-shm files appear lazily */
    }
  }
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (owner TEXT NOT NULL, step INTEGER NOT NULL, applied_at INTEGER ' +
      'NOT NULL, PRIMARY KEY (owner, step))',
  );
  return db;
}

/** Apply `migrations` for `owner` in order, each once, each in its own transaction. */
export function migrate(db: SqliteDatabase, owner: string, migrations: readonly string[]): void {
  const applied = new Set(
    (db.prepare('SELECT step FROM schema_migrations WHERE owner = ?').all(owner) as { step: number }[]).map(
      (r) => r.step,
    ),
  );
  const record = db.prepare('INSERT INTO schema_migrations (owner, step, applied_at) VALUES (?, ?, ?)');
  migrations.forEach((sql, step) => {
    if (applied.has(step)) return;
    db.transaction(() => {
      db.exec(sql);
      record.run(owner, step, Date.now());
    })();
  });
}
