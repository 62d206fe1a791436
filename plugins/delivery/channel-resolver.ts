import type { ChannelAdapter, ChannelRegistrar } from '../../sdk/index.js';
import { deliveryError } from './errors.js';

/** Account states in which a send can never succeed until the operator acts. */
const UNUSABLE_STATES = new Set(['token-invalid', 'logged-out', 'not-linked', 'replaced']);

/**
 * The adapter (and account) a request means: the named channel, or — when none is named —
 * the only loaded channel, or the first linked one.
 */
export function resolveChannel(channels: ChannelRegistrar, requested?: string): ChannelAdapter {
  const loaded = channels.list();
  if (requested) {
    const adapter = channels.get(requested);
    if (!adapter) {
      throw deliveryError(
        'GW_ERR_DELIVERY_CHANNEL_UNKNOWN',
        `channel "${requested}" is not loaded (loaded: ${loaded.map((c) => c.id).join(', ') || 'none'}); configure ` +
          `it under channels.${requested} and make sure it is enabled`,
      );
    }
    return adapter;
  }
  if (loaded.length === 1) return loaded[0]!;
  const linked = loaded.find((c) => safeStatus(c)?.linked);
  if (linked) return linked;
  throw deliveryError(
    'GW_ERR_DELIVERY_CHANNEL_REQUIRED',
    loaded.length === 0
      ? 'no channel is loaded: configure channels.telegram or channels.whatsapp first'
      : `say which channel to use (params.channel): ${loaded.map((c) => c.id).join(', ')}`,
  );
}

export function resolveAccount(
  adapter: ChannelAdapter,
  requested?: string,
  options: { requireUsable?: boolean } = {},
): string {
  const accounts = safeStatus(adapter)?.accounts ?? [];
  const accountId = requested ?? accounts[0]?.accountId ?? 'default';
  const account = accounts.find((a) => a.accountId === accountId);
  if (!account && (requested || accounts.length > 0)) {
    throw deliveryError(
      'GW_ERR_DELIVERY_ACCOUNT_UNKNOWN',
      `channel ${adapter.id} has no account "${accountId}" (accounts: ` +
        `${accounts.map((a) => a.accountId).join(', ') || 'none'})`,
    );
  }
  if (options.requireUsable && account && UNUSABLE_STATES.has(account.state)) {
    throw deliveryError(
      'GW_ERR_DELIVERY_NOT_LINKED',
      `${adapter.id} account ${accountId} cannot send ` +
        `(${account.state}${account.lastError ? `: ${account.lastError}` : ''})` +
        (account.hint ? `; ${account.hint}` : ''),
      {
        details: { channel: adapter.id, accountId, state: account.state },
      },
    );
  }
  return accountId;
}

function safeStatus(adapter: ChannelAdapter) {
  try {
    return adapter.status();
  } catch {
    return undefined;
  }
}
