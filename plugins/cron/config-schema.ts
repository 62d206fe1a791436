import { type Static, Type } from '../../sdk/index.js';

/** `cron` in moltbot.json. */
export const CronConfig = Type.Object({
  enabled: Type.Boolean({ default: true, description: 'Run the scheduler (false unloads the cron plugin).' }),
  catchUp: Type.Union([Type.Literal('once'), Type.Literal('skip')], {
    default: 'once',
    description: 'Slots missed while the gateway was down: "once" runs one run for all of them, "skip" runs none.',
  }),
  runHistory: Type.Integer({
    minimum: 1,
    maximum: 100_000,
    default: 200,
    description: 'Finished runs kept per job (older ones are deleted).',
  }),
  maxConcurrentRuns: Type.Integer({
    minimum: 1,
    maximum: 1000,
    default: 8,
    description: 'Runs at once; more due jobs wait (late, never dropped).',
  }),
  // `cron.store` (Moltbot's jobs.json path) is accepted and ignored: jobs live in the embedded store.
});

export type CronConfigT = Static<typeof CronConfig>;
