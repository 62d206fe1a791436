import { definePlugin } from '../../sdk/index.js';
import { CronConfig } from './config-schema.js';
import { startCron } from './start-cron.js';

/**
 * `cron`: jobs in the embedded store, one timer for the next due job, exactly one run per slot
 * (claimed in a transaction before it starts), run history, the `cron.*` methods, the `cron`
 * event and the agent's `cron` tool.
 */
export default definePlugin({
  id: 'cron',
  version: '1.0.0',
  sdk: '^1.0.0',
  configKey: 'cron',
  configSchema: CronConfig,
  dependsOn: ['agent', 'heartbeat', 'outbound'],
  description: 'Scheduled jobs: at/every/cron schedules, system lines or agent turns, announce delivery, run history.',
  register: (_app, ctx) => startCron(ctx),
});
