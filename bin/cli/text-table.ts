/** Rows as padded columns (two spaces apart), the header first; empty cells show as "-". */
export function textTable(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | undefined>>): string[] {
  const cells = [header, ...rows.map((r) => r.map((c) => (c === undefined || c === '' ? '-' : c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 ? (c ?? '') : (c ?? '').padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

/** "just now", "42 s ago", "3 min ago", "5 h ago", "2 d ago" (or "in 9 min" for a future time). */
export function relativeTime(ms: number | undefined, now = Date.now()): string | undefined {
  if (ms === undefined) return undefined;
  const d = Math.round((now - ms) / 1000);
  const abs = Math.abs(d);
  const span =
    abs < 5
      ? undefined
      : abs < 60
        ? `${abs} s`
        : abs < 3600
          ? `${Math.round(abs / 60)} min`
          : abs < 86_400
            ? `${Math.round(abs / 3600)} h`
            : `${Math.round(abs / 86_400)} d`;
  if (!span) return 'just now';
  return d >= 0 ? `${span} ago` : `in ${span}`;
}

/** A device or node id as lists show it: the first 12 hex digits (commands accept any unique prefix of 6+). */
export function shortId(id: string): string {
  return /^[0-9a-f]{64}$/.test(id) ? id.slice(0, 12) : id;
}
