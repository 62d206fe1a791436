import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

/**
 * The embedded store: one SQLite file in the state dir (WAL, synchronous=FULL so that an
 * acknowledged write survives `kill -9` and power loss), mode 0600.
 */
export function openDatabase(file: string): SqliteDatabase {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
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
