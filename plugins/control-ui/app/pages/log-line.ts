/** One line of gateway.log (pino JSON) as the Logs and Overview pages show it. */
export interface LogEntry {
  raw: string;
  level: number;
  levelName: string;
  time: number;
  msg: string;
  plugin?: string;
  component?: string;
  /** The other fields, compact, for the detail line. */
  extra: string;
}

const LEVEL_NAMES: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};
const SKIP = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'plugin', 'component', 'version', 'generation']);

export function parseLogLine(raw: string): LogEntry {
  let obj: Record<string, unknown>;
  try {
    obj = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return { raw, level: 30, levelName: 'info', time: 0, msg: raw, extra: '' };
  }
  const level = typeof obj.level === 'number' ? obj.level : 30;
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (!SKIP.has(k)) rest[k] = v;
  let extra = Object.keys(rest).length ? JSON.stringify(rest) : '';
  if (extra.length > 600) extra = `${extra.slice(0, 600)}…`;
  return {
    raw,
    level,
    levelName: LEVEL_NAMES[level] ?? String(level),
    time: typeof obj.time === 'number' ? obj.time : 0,
    msg: typeof obj.msg === 'string' ? obj.msg : '',
    plugin: typeof obj.plugin === 'string' ? obj.plugin : undefined,
    component: typeof obj.component === 'string' ? obj.component : undefined,
    extra,
  };
}
