import { definePlugin } from '../../sdk/index.js';
import { deliveryConfigSchema } from './config-schema.js';
import { startDelivery } from './start-delivery.js';

/**
 * `delivery`: the channel router (access policy, pairing, chat commands, groups, session routing
 * to the agent), the durable inbound store and the durable outbound queue; services `router`
 * and `outbound`; the chat commands /help, /status, /whoami, /activation and /approve.
 */
export default definePlugin({
  id: 'delivery',
  version: '1.0.0',
  sdk: '^1.0.0',
  configSchema: deliveryConfigSchema,
  dependsOn: ['agent', 'exec-approvals'],
  description: 'Routes channel messages to the agent and delivers replies durably.',
  register: (_app, ctx) => startDelivery(ctx),
});
