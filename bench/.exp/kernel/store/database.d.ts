import Database from 'better-sqlite3';
export type SqliteDatabase = Database.Database;
/**
 * The embedded store: one SQLite file in the state dir (WAL, synchronous=FULL so that an
 * acknowledged write survives `kill -9` and power loss), mode 0600.
 */
export declare function openDatabase(file: string): SqliteDatabase;
/** Apply `migrations` for `owner` in order, each once, each in its own transaction. */
export declare function migrate(db: SqliteDatabase, owner: string, migrations: readonly string[]): void;
