import path from 'node:path';
import type { PluginApp, PluginContext } from '../../sdk/index.js';
import { resolveAccounts } from './account-settings.js';
import type { TelegramConfig } from './config-schema.js';
import { TelegramAccount } from './telegram-account.js';
import { telegramAdapter } from './telegram-adapter.js';
import { registerWebhookRoute } from './webhook-route.js';

/** One generation of the telegram plugin: an account supervisor per bot, one adapter for all. */
export function startTelegram(app: PluginApp, ctx: PluginContext<TelegramConfig>): void {
  const accounts = new Map<string, TelegramAccount>();
  const mediaDir = path.join(ctx.paths.stateDir, 'media', 'inbound');
  for (const settings of resolveAccounts(ctx.config)) {
    const account = new TelegramAccount(settings, {
      // Looked up per update: never deliver into a retired delivery generation.
      router: () => (ctx.lease.active ? ctx.services.get('router') : undefined),
      commands: () => ctx.commands.list(),
      logger: ctx.logger,
      mediaDir,
    });
    accounts.set(settings.accountId, account);
    if (settings.problem)
      ctx.logger.error(
        { accountId: settings.accountId, hint: settings.problem.hint },
        `telegram account not started: ${settings.problem.message}`,
      );
    if (account.bot && settings.webhook) registerWebhookRoute(app, account);
  }
  ctx.channels.register(telegramAdapter(accounts));
  for (const account of accounts.values()) {
    account.start();
    ctx.lease.defer(`telegram account ${account.accountId}`, () => account.stop());
  }
  // A plugin load, reload or unload changed the chat commands: the menus follow (one update
  // for a burst of changes, e.g. while the gateway starts).
  let pending: (() => void) | undefined;
  ctx.events.on('commands-changed', () => {
    pending?.();
    pending = ctx.lease.timeout('command menu sync', 250, () => {
      pending = undefined;
      for (const account of accounts.values()) void account.syncCommandMenu();
    });
  });
}
