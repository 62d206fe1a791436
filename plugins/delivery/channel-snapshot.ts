import type { ChannelAccountStatus, ChannelAdapter } from '../../sdk/index.js';

/**
 * One account as the existing clients' status screens read it (`ChannelAccountSnapshot`:
 * `moltbot channels status`, `status --all`, doctor, the control UI), our own fields beside.
 */
export function accountSnapshot(account: ChannelAccountStatus): Record<string, unknown> {
  const running = ['running', 'connecting', 'retrying'].includes(account.state);
  return {
    ...account,
    enabled: account.state !== 'disabled',
    configured: !['config-error', 'token-invalid'].includes(account.state),
    running,
    connected: account.state === 'running' && account.linked,
    mode: account.state,
    ...(account.identity ? { name: account.identity } : {}),
  };
}

/**
 * The fields of the existing `channels.status` result (`ChannelsStatusResult`): channel order
 * and labels, accounts per channel, the default account of each.
 */
export function channelsStatusFields(
  adapters: readonly ChannelAdapter[],
  statuses: Record<string, { accounts: ChannelAccountStatus[] }>,
): Record<string, unknown> {
  const order = adapters.map((a) => a.id);
  const channelAccounts: Record<string, unknown[]> = {};
  const channelDefaultAccountId: Record<string, string> = {};
  for (const id of order) {
    const accounts = statuses[id]?.accounts ?? [];
    channelAccounts[id] = accounts.map(accountSnapshot);
    channelDefaultAccountId[id] =
      accounts.find((a) => a.accountId === 'default')?.accountId ?? accounts[0]?.accountId ?? 'default';
  }
  return {
    ts: Date.now(),
    channelOrder: order,
    channelLabels: Object.fromEntries(adapters.map((a) => [a.id, a.label])),
    channelAccounts,
    channelDefaultAccountId,
  };
}
