/** Variables every host command gets from the gateway's environment (nothing else leaks through). */
const BASE = ['PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LANGUAGE', 'TZ', 'TERM', 'TMPDIR'];
/** Never passed, even when `tools.exec.passEnv` names them: they open the gateway itself. */
const NEVER = /^(CLAWDBOT_|MOLTBOT_|OPENCLAW_)|^(LD_|DYLD_)|^NODE_OPTIONS$/;
const FALLBACK_PATH = '/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin';

/**
 * A command's environment: an allowlist of the gateway's variables (no provider keys, no gateway
 * token), `LC_*`, the names in `tools.exec.passEnv`, then the fixed `tools.exec.env` values.
 */
export function commandEnv(
  source: NodeJS.ProcessEnv,
  config: { passEnv: readonly string[]; env: Readonly<Record<string, string>> },
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined || NEVER.test(name)) continue;
    if (BASE.includes(name) || name.startsWith('LC_') || config.passEnv.includes(name)) out[name] = value;
  }
  for (const [name, value] of Object.entries(config.env)) if (!NEVER.test(name)) out[name] = value;
  out.PATH ??= FALLBACK_PATH;
  return out;
}
