/** Display formatting shared by the pages. */

const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const nf = new Intl.NumberFormat();

/** "3 minutes ago", "in 2 hours"; "—" when unknown. */
export function relativeTime(ts: number | undefined, now = Date.now()): string {
  if (!ts) return '—';
  const s = Math.round((ts - now) / 1000);
  const abs = Math.abs(s);
  if (abs < 45) return s <= 0 ? 'just now' : 'in a few seconds';
  if (abs < 2700) return rtf.format(Math.round(s / 60), 'minute');
  if (abs < 86_400 * 1.5) return rtf.format(Math.round(s / 3600), 'hour');
  return rtf.format(Math.round(s / 86_400), 'day');
}

/** "2 d 4 h", "5 min 3 s", "850 ms". */
export function duration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return h ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  return `${s} s`;
}

export function count(n: number | undefined): string {
  return n === undefined ? '—' : nf.format(n);
}

export function clockTime(ts: number | undefined): string {
  if (!ts) return '—';
  return new Date(ts).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function dateTime(ts: number | undefined): string {
  if (!ts) return '—';
  return new Date(ts).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Pretty JSON for cards (arguments, results), cut to a readable length. */
export function prettyJson(value: unknown, max = 4000): string {
  let text: string;
  try {
    // Tool arguments and results often arrive as JSON text: show them as structure too.
    const data = typeof value === 'string' && /^\s*[[{]/.test(value) ? JSON.parse(value) : value;
    text = typeof data === 'string' ? data : JSON.stringify(data, null, 2);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max)}\n… (${text.length - max} more characters)` : text;
}
