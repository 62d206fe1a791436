import { acceptJsonBodiesOnly, definePlugin } from '../../sdk/index.js';
import { HooksConfig } from './config-schema.js';
import { hooksError } from './errors.js';
import { HookDispatcher } from './hook-dispatcher.js';
import { registerHookRoutes } from './hook-routes.js';
import { HOOKS_MIGRATIONS, HookStore } from './hook-store.js';

/**
 * `hooks`: webhooks with their own token. `POST <path>/wake` leaves a system line for the main
 * session; `POST <path>/agent` and mappings run an agent turn, stored before the 202 so a crash
 * right after still runs it once.
 */
export default definePlugin({
  id: 'hooks',
  version: '1.0.0',
  sdk: '^1.0.0',
  configKey: 'hooks',
  configSchema: HooksConfig,
  dependsOn: ['agent', 'heartbeat', 'outbound'],
  description: 'Webhooks: POST /hooks/wake, /hooks/agent and mapped /hooks/<name> (own token, body cap, stored runs).',
  register(app, ctx) {
    if (ctx.auth.isGatewaySecret(ctx.config.token))
      throw hooksError(
        'GW_ERR_HOOKS_TOKEN_REUSED',
        'hooks.token must not be the gateway token: whoever holds a hook token would then hold the whole gateway. ' +
          'Set another one, e.g. from `openssl rand -hex 24`',
      );
    ctx.store.migrate(HOOKS_MIGRATIONS);
    const store = new HookStore(ctx.store.db);
    const dispatcher = new HookDispatcher(ctx, store);
    acceptJsonBodiesOnly(app);
    registerHookRoutes(app, ctx, store, dispatcher);
    dispatcher.start();
  },
});
