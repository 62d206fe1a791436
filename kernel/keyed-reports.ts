/** A plugin's contribution to the health snapshot or the status summary, read when it is built. */
export interface KeyedReader {
  /** Where the value goes; a dotted key nests (`errors.deadLetters`). */
  key: string;
  read(): unknown;
}

/**
 * Put each reader's value at its key in `target`. A reader that throws shows as `{error}` under
 * its key instead of breaking the whole snapshot (one broken plugin must not hide the others).
 */
export function mergeReports(target: Record<string, unknown>, readers: Iterable<KeyedReader>): void {
  for (const r of readers) {
    let value: unknown;
    try {
      value = r.read();
    } catch (err) {
      value = { error: (err as Error).message };
    }
    const path = r.key.split('.');
    let at = target;
    for (const part of path.slice(0, -1)) {
      const next = at[part];
      if (!next || typeof next !== 'object' || Array.isArray(next)) at[part] = {};
      at = at[part] as Record<string, unknown>;
    }
    at[path[path.length - 1]!] = value;
  }
}
