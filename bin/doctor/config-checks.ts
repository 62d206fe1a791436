import fs from 'node:fs';
import { generateToken } from '../../kernel/auth/shared-secret.js';
import { isLoopbackBind, resolveBindHost } from '../../kernel/bind-address.js';
import { serializeConfig, writeFileAtomic } from '../../kernel/config/config-file.js';
import { getPath } from '../../kernel/config/object-path.js';
import { checkConfig, describeIssue } from '../cli/config-check.js';
import { setConfigValue } from './config-rewrite.js';
import type { DoctorContext, Finding } from './finding.js';

const MIN_TOKEN_LENGTH = 32;

/** Config file present, parses, validates against the kernel and plugin schemas. */
export async function checkConfigFile(ctx: DoctorContext): Promise<Finding[]> {
  const { paths } = ctx;
  if (ctx.readError)
    return [
      {
        check: 'config-parse',
        severity: 'error',
        message: ctx.readError,
        fix: `fix the syntax in ${paths.configPath} (${ctx.hint('config edit')})`,
      },
    ];
  if (!ctx.configExists) {
    return [
      {
        check: 'config-missing',
        severity: 'warning',
        message: `no config at ${paths.configPath}`,
        fix: `run "${ctx.hint('setup')}" (--fix writes a minimal config with a generated token)`,
        repair: () => {
          fs.mkdirSync(paths.stateDir, { recursive: true, mode: 0o700 });
          writeFileAtomic(
            paths.configPath,
            serializeConfig({ gateway: { auth: { mode: 'token', token: generateToken() } } }),
          );
        },
      },
    ];
  }
  const check = await checkConfig(ctx.config, paths.configPath);
  return check.issues.map((i) => ({
    check: i.severity === 'error' ? 'config-invalid' : 'config-unused-key',
    severity: i.severity,
    message: describeIssue(i),
    fix:
      i.severity === 'error'
        ? `correct it: ${ctx.hint(`config set ${i.path} <value>`)}, or ${ctx.hint('config edit')}`
        : `remove it if it is a typo: ${ctx.hint(`config unset ${i.path}`)}`,
  }));
}

function weakSecret(secret: string): string | undefined {
  if (secret.length < MIN_TOKEN_LENGTH) return `only ${secret.length} characters (want at least ${MIN_TOKEN_LENGTH})`;
  if (new Set(secret).size < 8) return 'too few distinct characters';
  return undefined;
}

/** Token strength, a non-loopback bind without auth, the hooks token reused as the gateway token. */
export function checkAuth(ctx: DoctorContext): Finding[] {
  if (!ctx.configExists || ctx.readError) return [];
  const out: Finding[] = [];
  const cfg = ctx.config;
  const mode = (getPath(cfg, 'gateway.auth.mode') as string | undefined) ?? 'token';
  const token = (getPath(cfg, 'gateway.auth.token') as string | undefined) ?? ctx.env.CLAWDBOT_GATEWAY_TOKEN;
  const password = (getPath(cfg, 'gateway.auth.password') as string | undefined) ?? ctx.env.CLAWDBOT_GATEWAY_PASSWORD;
  let loopback = true;
  try {
    loopback = isLoopbackBind(resolveBindHost(ctx.bind));
  } catch (err) {
    out.push({
      check: 'bind-address',
      severity: 'error',
      message: (err as Error).message,
      fix: ctx.hint('config set gateway.bind loopback'),
    });
  }
  const secret = mode === 'password' ? password : token;
  if (!secret) {
    out.push({
      check: 'auth-missing',
      severity: loopback ? 'warning' : 'error',
      message: loopback
        ? 'no gateway secret is configured: the gateway will generate a token on start'
        : `gateway.bind is "${ctx.bind}" (not loopback) and no ${mode} is set: the gateway refuses to start like that`,
      fix: `generate a token (${ctx.hint('setup')}, or doctor --fix)`,
      repair: () => {
        setConfigValue(ctx.paths.configPath, 'gateway.auth.token', generateToken());
        if (mode === 'password') setConfigValue(ctx.paths.configPath, 'gateway.auth.mode', 'token');
      },
    });
  } else {
    const weak = weakSecret(secret);
    if (weak) {
      const fromConfig = mode === 'token' && getPath(cfg, 'gateway.auth.token') === secret;
      out.push({
        check: 'token-strength',
        severity: loopback ? 'warning' : 'error',
        message:
          `the gateway ${mode} is weak: ` +
          `${weak}${loopback ? '' : `, and the gateway is reachable beyond loopback (bind ${ctx.bind})`}`,
        fix:
          mode === 'token'
            ? `replace it: ${ctx.hint('setup --reset-token')} (or doctor --fix); clients then need the new token`
            : `choose a longer password: ${ctx.hint('config set gateway.auth.password <new>')}`,
        ...(fromConfig
          ? { repair: () => setConfigValue(ctx.paths.configPath, 'gateway.auth.token', generateToken()) }
          : {}),
      });
    }
  }
  const hooksToken = getPath(cfg, 'hooks.token');
  if (typeof hooksToken === 'string' && secret && hooksToken === secret) {
    out.push({
      check: 'hooks-token-reuse',
      severity: 'error',
      message: 'hooks.token is the same as the gateway secret: anyone who can send a webhook can control the gateway',
      fix: 'give hooks their own token (doctor --fix generates one; update your webhook senders)',
      repair: () => setConfigValue(ctx.paths.configPath, 'hooks.token', generateToken()),
    });
  }
  return out;
}
