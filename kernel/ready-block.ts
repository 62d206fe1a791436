import os from 'node:os';
import path from 'node:path';
import type { ResolvedAuth } from './auth/shared-secret.js';
import { cliCommand } from './cli-command.js';

export interface ReadyFacts {
  version: string;
  /** ws:// or wss:// URL the gateway listens on. */
  url: string;
  pid: number;
  configPath: string;
  profile: string | undefined;
  auth: Pick<ResolvedAuth, 'mode' | 'source'>;
  /** The dashboard's HTTP base path when the control-ui plugin is active. */
  dashboardBasePath?: string;
  /** A model provider is configured (the agent can answer). */
  hasModel: boolean;
  /** A chat channel (Telegram, WhatsApp) is configured. */
  hasChannel: boolean;
  /** `$HOME`, to shorten paths under it to `~/…`. */
  home?: string;
}

/**
 * What `moltbot gateway` prints once it listens (at most 6 lines): the listening line scripts
 * wait for, where the config and the secret live (never the secret itself: a service journal
 * keeps stdout), the dashboard link and what to run next, as commands that work from here.
 */
export function readyBlock(f: ReadyFacts): string[] {
  const hint = (args: string) => cliCommand(args, f.profile);
  const lines = [`moltbot gateway ${f.version} listening on ${f.url} (pid ${f.pid}, auth: ${f.auth.mode})`];
  lines.push(`  config     ${tildePath(f.configPath, f.home)} (${secretWhere(f.auth)})`);
  if (f.dashboardBasePath !== undefined) {
    lines.push(`  dashboard  ${dashboardLink(f.url, f.dashboardBasePath)}  (${hint('dashboard')} opens it signed in)`);
  }
  if (!f.hasModel || !f.hasChannel) {
    const what = !f.hasModel ? 'a model provider and a chat channel' : 'a chat channel (Telegram, WhatsApp)';
    lines.push(`  next       ${hint('setup')}  (connects ${what})`);
  }
  if (f.hasModel) lines.push(`  chat       ${hint('tui')}  (talk to the agent in this terminal)`);
  return lines;
}

function secretWhere(auth: ReadyFacts['auth']): string {
  const key = auth.mode === 'password' ? 'password' : 'token';
  switch (auth.source) {
    case 'generated':
      return `a new ${key} was generated into gateway.auth.${key}`;
    case 'flag':
      return `${key} from --token`;
    case 'env':
      return `${key} from CLAWDBOT_GATEWAY_${key.toUpperCase()}`;
    default:
      return `${key} in gateway.auth.${key}`;
  }
}

function dashboardLink(wsUrl: string, basePath: string): string {
  const url = new URL(wsUrl);
  const scheme = url.protocol === 'wss:' ? 'https:' : 'http:';
  const raw = basePath.trim() === '' ? '/' : basePath.trim();
  return `${scheme}//${url.host}${raw.startsWith('/') ? '' : '/'}${raw}${raw.endsWith('/') ? '' : '/'}`;
}

/** `/home/u/.clawdbot/moltbot.json` → `~/.clawdbot/moltbot.json`. */
export function tildePath(file: string, home = process.env.HOME ?? os.homedir()): string {
  const rel = path.relative(home, file);
  return home && rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? `~/${rel}` : file;
}

/** `gateway.controlUi.basePath` as configured ("/" when unset). */
export function controlUiBasePath(root: Record<string, unknown>): string {
  const ui = (root.gateway as { controlUi?: { basePath?: unknown } } | undefined)?.controlUi;
  return typeof ui?.basePath === 'string' ? ui.basePath : '/';
}

export function hasModelProvider(root: Record<string, unknown>): boolean {
  const providers = (root.models as { providers?: unknown } | undefined)?.providers;
  return Boolean(providers && typeof providers === 'object' && Object.keys(providers).length > 0);
}

export function hasChatChannel(root: Record<string, unknown>): boolean {
  const channels = (root.channels ?? {}) as Record<string, { enabled?: unknown } | undefined>;
  return ['telegram', 'whatsapp'].some((id) => channels[id] !== undefined && channels[id]?.enabled !== false);
}
