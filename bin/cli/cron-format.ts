import { describe } from './duration-option.js';

/** How `moltbot cron …` shows jobs and runs (times in UTC, like the log). */

export function utc(ms: number | undefined): string {
  return ms === undefined ? '-' : `${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)}Z`;
}

export function scheduleText(s: Record<string, any>): string {
  if (s.kind === 'at') return `at ${utc(Date.parse(s.at))}`;
  if (s.kind === 'every') return `every ${describe(s.everyMs)}`;
  return `cron "${s.expr}"${s.tz ? ` ${s.tz}` : ''}`;
}

export function targetText(job: Record<string, any>): string {
  const what = job.payload?.kind === 'systemEvent' ? 'system line' : 'agent turn';
  const where = job.sessionTarget === 'isolated' ? 'isolated' : 'main';
  const d = job.delivery;
  const to = d?.mode === 'announce' ? ` → ${d.channel ?? 'last'}${d.to ? `:${d.to}` : ''}` : '';
  return `${what} (${where})${to}`;
}

/** Columns padded to their widest cell; the last one is not padded. */
export function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}
