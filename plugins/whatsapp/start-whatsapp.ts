import path from 'node:path';
import type { PluginContext } from '../../sdk/index.js';
import { resolveAccounts } from './account-settings.js';
import type { WhatsAppConfig } from './config-schema.js';
import { accountAuthDir, ensurePrivateDir, whatsappCredentialsRoot } from './credentials-dir.js';
import { SessionLock } from './session-lock.js';
import { WhatsAppAccount } from './whatsapp-account.js';
import { whatsappAdapter } from './whatsapp-adapter.js';
import type { WhatsAppPluginOptions } from './whatsapp-plugin.js';
import type { WhatsAppSocketFactory } from './whatsapp-socket.js';

/** One generation of the whatsapp plugin: the host lock, one supervisor per account, the adapter. */
export function startWhatsApp(
  ctx: PluginContext<WhatsAppConfig>,
  factory: WhatsAppSocketFactory,
  options: WhatsAppPluginOptions = {},
): void {
  const root = whatsappCredentialsRoot(ctx.paths.stateDir);
  ensurePrivateDir(root);
  const accounts = new Map<string, WhatsAppAccount>();
  for (const settings of resolveAccounts(ctx.config)) {
    const account = new WhatsAppAccount(settings, {
      factory,
      authDir: accountAuthDir(ctx.paths.stateDir, settings.accountId),
      // Looked up per message: never deliver into a retired delivery generation.
      router: () => (ctx.lease.active ? ctx.services.get('router') : undefined),
      logger: ctx.logger,
      cliCommand: (args) => ctx.gateway.cliCommand(args),
      mediaDir: path.join(ctx.paths.stateDir, 'media', 'inbound'),
      ...(options.blockedAddress ? { blockedAddress: options.blockedAddress } : {}),
    });
    accounts.set(settings.accountId, account);
    if (settings.problem)
      ctx.logger.error(
        { accountId: settings.accountId, hint: settings.problem.hint },
        `whatsapp account not started: ${settings.problem.message}`,
      );
  }
  ctx.channels.register(whatsappAdapter(accounts));

  const lock = SessionLock.at(root);
  const taken = lock.acquire();
  if (!taken.ok) {
    const message = `another gateway (pid ${taken.holder.pid}) holds the WhatsApp session lock in ${root}`;
    ctx.logger.error({ pid: taken.holder.pid }, message);
    for (const account of accounts.values()) account.lockedOut(message);
    return;
  }
  ctx.lease.defer('whatsapp session lock', () => lock.release());
  for (const account of accounts.values()) {
    void account.start();
    ctx.lease.defer(`whatsapp account ${account.accountId}`, () => account.stop());
  }
}
