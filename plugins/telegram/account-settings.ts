import fs from 'node:fs';
import type { AccessPolicy } from '../../sdk/index.js';
import type { TelegramAccountConfig, TelegramConfig } from './config-schema.js';

export const DEFAULT_API_ROOT = 'https://api.telegram.org';
export const DEFAULT_TEXT_LIMIT = 4000;

/** One bot account with every default applied, or the reason it cannot run. */
export interface AccountSettings {
  accountId: string;
  name?: string;
  enabled: boolean;
  token?: string;
  apiRoot: string;
  policy: AccessPolicy;
  textChunkLimit: number;
  mediaMaxBytes: number;
  /** Publish the registered chat commands as the bot's command menu. */
  commandMenu: boolean;
  pollTimeoutSeconds: number;
  /** Client timeout of each Bot API call; a long poll gets its own timeout on top. */
  requestTimeoutSeconds: number;
  webhook?: { url: string; secret: string; path: string };
  /** Set when the account's config cannot work; the account shows it and does not start. */
  problem?: { message: string; hint: string };
}

/**
 * Resolve `channels.telegram` into accounts: `accounts.<id>` inherit the top-level values; with
 * no `accounts`, the top level is the account `default`. The token comes from `botToken`, then
 * `tokenFile`, then (for `default` only) the environment's TELEGRAM_BOT_TOKEN.
 */
export function resolveAccounts(config: TelegramConfig, env: NodeJS.ProcessEnv = process.env): AccountSettings[] {
  const { accounts, ...base } = config;
  const entries: Array<[string, TelegramAccountConfig]> =
    accounts && Object.keys(accounts).length > 0
      ? Object.entries(accounts).map(([id, a]) => [id, { ...base, ...a }])
      : [['default', base]];
  return entries.map(([accountId, c]) => resolveAccount(accountId, c, env));
}

function resolveAccount(accountId: string, c: TelegramAccountConfig, env: NodeJS.ProcessEnv): AccountSettings {
  const where = accountId === 'default' ? 'channels.telegram' : `channels.telegram.accounts.${accountId}`;
  const allowFrom = (c.allowFrom ?? []).map(String);
  const groupPolicy = c.groupPolicy ?? 'open';
  const groups: AccessPolicy['groups'] = {};
  for (const [id, g] of Object.entries(c.groups ?? {}))
    groups[id] = {
      ...(g.enabled !== undefined ? { enabled: g.enabled } : {}),
      ...(g.requireMention !== undefined ? { requireMention: g.requireMention } : {}),
      ...(g.allowFrom ? { allowFrom: g.allowFrom.map(String) } : {}),
    };
  if (groupPolicy === 'disabled') groups['*'] = { enabled: false };
  const settings: AccountSettings = {
    accountId,
    ...(c.name ? { name: c.name } : {}),
    enabled: c.enabled !== false,
    apiRoot: (c.apiRoot ?? DEFAULT_API_ROOT).replace(/\/+$/, ''),
    policy: {
      dmPolicy: c.dmPolicy ?? 'pairing',
      allowFrom,
      groups,
      groupsOpen: groupPolicy === 'open',
      ...(c.owners ? { owners: c.owners.map(String) } : {}),
      ...(c.historyLimit !== undefined ? { historyLimit: c.historyLimit } : {}),
      ...(c.replyToMode ? { replyToMode: c.replyToMode } : {}),
    },
    textChunkLimit: c.textChunkLimit ?? DEFAULT_TEXT_LIMIT,
    mediaMaxBytes: Math.round((c.mediaMaxMb ?? 20) * 1024 * 1024),
    commandMenu: c.commandMenu !== false,
    pollTimeoutSeconds: c.pollTimeoutSeconds ?? 30,
    requestTimeoutSeconds: c.requestTimeoutSeconds ?? (c.pollTimeoutSeconds ?? 30) + 30,
  };
  let token = c.botToken;
  if (!token && c.tokenFile) {
    try {
      token = fs.readFileSync(c.tokenFile, 'utf8').trim();
    } catch (err) {
      settings.problem = {
        message:
          `cannot read ${where}.tokenFile ${c.tokenFile}: ` +
          `${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        hint: `make ${c.tokenFile} readable by the gateway (mode 0600) or set ${where}.botToken`,
      };
    }
  }
  if (!token && accountId === 'default' && env.TELEGRAM_BOT_TOKEN) token = env.TELEGRAM_BOT_TOKEN.trim();
  if (token) settings.token = token;
  else
    settings.problem ??= {
      message: 'no bot token configured',
      hint: `set ${where}.botToken (from @BotFather), ${where}.tokenFile, or TELEGRAM_BOT_TOKEN`,
    };
  if (settings.policy.dmPolicy === 'open' && !allowFrom.includes('*')) {
    settings.problem = {
      message: `${where}.dmPolicy "open" requires allowFrom to include "*"`,
      hint: `add "*" to ${where}.allowFrom to let anyone talk to the bot, or use dmPolicy "pairing"`,
    };
  }
  if (c.webhookUrl) {
    if (!c.webhookSecret) {
      settings.problem = {
        message:
          `${where}.webhookUrl is set but webhookSecret is missing; webhook mode ` +
          'refuses to start without a secret',
        hint:
          `set ${where}.webhookSecret to a random string (letters, digits, _ and -), or ` +
          'remove webhookUrl to use long polling',
      };
    } else {
      settings.webhook = {
        url: c.webhookUrl,
        secret: c.webhookSecret,
        path: c.webhookPath ?? webhookPathOf(c.webhookUrl, accountId),
      };
    }
  }
  return settings;
}

/** The local route: the URL's path, unless that is `/` (the control UI's), then our own. */
function webhookPathOf(url: string, accountId: string): string {
  const pathname = new URL(url).pathname;
  return pathname !== '/' ? pathname : `/telegram-webhook/${accountId}`;
}
