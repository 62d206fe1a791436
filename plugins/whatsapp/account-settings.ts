import type { AccessPolicy } from '../../sdk/index.js';
import type { WhatsAppConfig } from './config-schema.js';

export const DEFAULT_TEXT_LIMIT = 4000;

export interface WhatsAppAccountSettings {
  accountId: string;
  name?: string;
  enabled: boolean;
  policy: AccessPolicy;
  sendReadReceipts: boolean;
  textChunkLimit: number;
  mediaMaxBytes: number;
  maxReconnectAttempts: number;
  reconnectBaseMs: number;
  problem?: { message: string; hint: string };
}

/** `accounts.<id>` inherit the top-level values; with no `accounts` there is one account, `default`. */
export function resolveAccounts(config: WhatsAppConfig): WhatsAppAccountSettings[] {
  const { accounts, maxReconnectAttempts, reconnectBaseMs, ...base } = config;
  const entries =
    accounts && Object.keys(accounts).length > 0
      ? Object.entries(accounts).map(([id, a]) => [id, { ...base, ...a }] as const)
      : ([['default', base]] as const);
  return entries.map(([accountId, c]) => {
    const where =
      accountId === 'default' && !accounts ? 'channels.whatsapp' : `channels.whatsapp.accounts.${accountId}`;
    const allowFrom = c.allowFrom ?? [];
    const groupPolicy = c.groupPolicy ?? 'open';
    const groups: AccessPolicy['groups'] = { ...(c.groups ?? {}) };
    if (groupPolicy === 'disabled') groups['*'] = { enabled: false };
    const settings: WhatsAppAccountSettings = {
      accountId,
      ...(c.name ? { name: c.name } : {}),
      enabled: c.enabled !== false,
      policy: {
        dmPolicy: c.dmPolicy ?? 'pairing',
        allowFrom,
        groups,
        groupsOpen: groupPolicy === 'open',
        ...(c.owners ? { owners: c.owners } : {}),
        ...(c.historyLimit !== undefined ? { historyLimit: c.historyLimit } : {}),
        ...(c.replyToMode ? { replyToMode: c.replyToMode } : {}),
      },
      sendReadReceipts: c.sendReadReceipts ?? true,
      textChunkLimit: c.textChunkLimit ?? DEFAULT_TEXT_LIMIT,
      mediaMaxBytes: Math.round((c.mediaMaxMb ?? 50) * 1024 * 1024),
      maxReconnectAttempts: maxReconnectAttempts ?? 12,
      reconnectBaseMs: reconnectBaseMs ?? 2000,
    };
    if (settings.policy.dmPolicy === 'open' && !allowFrom.includes('*')) {
      settings.problem = {
        message: `${where}.dmPolicy "open" requires allowFrom to include "*"`,
        hint: `add "*" to ${where}.allowFrom, or use dmPolicy "pairing"`,
      };
    }
    return settings;
  });
}
