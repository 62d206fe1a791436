import type { TerminalStyle } from './terminal-style.js';

export const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };
const NAMES: Record<number, string> = Object.fromEntries(Object.entries(LEVELS).map(([k, v]) => [v, k]));

export function parseLine(line: string): Record<string, any> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as Record<string, any>;
  } catch {
    return undefined;
  }
}

/** Lines below the minimum level are dropped; lines that are not pino JSON always pass. */
export function passesLevel(line: string, min: number): boolean {
  if (min <= 0) return true;
  const rec = parseLine(line);
  return rec === undefined || typeof rec.level !== 'number' || rec.level >= min;
}

const SKIP = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'plugin', 'version', 'generation']);

/** `12:03:04 INFO  [telegram] message key=value …` from one pino JSON line. */
export function formatLine(line: string, style: TerminalStyle): string {
  const rec = parseLine(line);
  if (!rec) return line;
  const time = typeof rec.time === 'number' ? new Date(rec.time).toISOString().slice(11, 19) : '';
  const name = (NAMES[rec.level as number] ?? String(rec.level)).toUpperCase().padEnd(5);
  const colored =
    rec.level >= 50
      ? style.red(name)
      : rec.level >= 40
        ? style.yellow(name)
        : rec.level >= 30
          ? style.green(name)
          : style.dim(name);
  const plugin = rec.plugin ? `${style.cyan(`[${rec.plugin}]`)} ` : '';
  const extra = Object.entries(rec)
    .filter(([k]) => !SKIP.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${style.dim(time)} ${colored} ${plugin}${rec.msg ?? ''}${extra ? ` ${style.dim(extra)}` : ''}`;
}
