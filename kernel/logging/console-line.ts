/**
 * One console line per log event: `<plugin>: <message> key=value …` (pino-pretty adds the time
 * and level in front). The JSON log file keeps every field; the console shows the ones a person
 * reads at a glance, each value cut short. `--verbose` prints the full object under the line instead.
 */
export function consoleLine(record: Record<string, unknown>, messageKey = 'msg', withFields = true): string {
  const source = typeof record.plugin === 'string' ? record.plugin : record.component;
  const message = String(record[messageKey] ?? '');
  const pairs: string[] = [];
  for (const [key, value] of withFields ? Object.entries(record) : []) {
    if (HIDDEN_KEYS.has(key) || key === messageKey || value === undefined) continue;
    pairs.push(`${key}=${consoleValue(key, value)}`);
  }
  return [typeof source === 'string' ? `${source}: ${message}` : message, ...pairs].join(' ');
}

/** Shown elsewhere on the line (time, level, source), the same for every line, or noise on a console. */
const HIDDEN_KEYS = new Set([
  'time',
  'level',
  'pid',
  'hostname',
  'plugin',
  'component',
  'version',
  'generation',
  'reload',
]);

const MAX_VALUE_CHARS = 80;

function consoleValue(key: string, value: unknown): string {
  if (key === 'err' && value && typeof value === 'object') {
    const e = value as { message?: unknown; code?: unknown; type?: unknown };
    const text = `${e.code ? `${String(e.code)}: ` : ''}${String(e.message ?? e.type ?? 'error')}`;
    return quoted(cut(firstLine(text)));
  }
  if (typeof value === 'string') return quoted(cut(firstLine(value)));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null))
    return quoted(cut(value.join(',')));
  return cut(JSON.stringify(value) ?? String(value));
}

function firstLine(s: string): string {
  const at = s.indexOf('\n');
  return at === -1 ? s : `${s.slice(0, at)} …`;
}

function cut(s: string): string {
  return s.length > MAX_VALUE_CHARS ? `${s.slice(0, MAX_VALUE_CHARS - 1)}…` : s;
}

function quoted(s: string): string {
  return s === '' || /[\s"=]/.test(s) ? JSON.stringify(s) : s;
}
