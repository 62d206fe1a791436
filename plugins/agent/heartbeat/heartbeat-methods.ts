import { type PluginContext, Type } from '../../../sdk/index.js';
import type { AgentPluginConfigT } from '../config-schema.js';
import { HeartbeatRunner } from './heartbeat-runner.js';

const WakeParams = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 20_000 }),
    mode: Type.Optional(Type.Union([Type.Literal('now'), Type.Literal('next-heartbeat')])),
    agentId: Type.Optional(Type.String({ minLength: 1 })),
  },
  // Moltbot's schema lets clients send more (e.g. sessionKey); they are accepted and ignored.
  { additionalProperties: true },
);

/** `wake`, `last-heartbeat` and `set-heartbeats`, shaped as Moltbot's. */
export function registerHeartbeatMethods(ctx: PluginContext<AgentPluginConfigT>, heartbeat: HeartbeatRunner): void {
  ctx.methods.register('wake', {
    scope: 'operator.write',
    params: WakeParams,
    description:
      'Queue a system line for the main session; mode "now" (default) runs a heartbeat at once, ' +
      '"next-heartbeat" leaves it for the next turn.',
    handler: (p) => heartbeat.wake({ text: p.text, mode: p.mode ?? 'now', agentId: p.agentId, source: 'wake' }),
  });
  ctx.methods.register('last-heartbeat', {
    scope: 'operator.read',
    params: Type.Object({}, { additionalProperties: true }),
    description: 'The last heartbeat: {ts, status, reason?, preview?, channel?, to?, …}, or null.',
    handler: () => HeartbeatRunner.last(),
  });
  ctx.methods.register('set-heartbeats', {
    scope: 'operator.admin',
    params: Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false }),
    description:
      'Switch heartbeats off (every one is skipped, reason "disabled") or back on, until the gateway restarts.',
    handler: (p) => {
      HeartbeatRunner.switch(p.enabled);
      ctx.logger.info({ enabled: p.enabled }, p.enabled ? 'heartbeats switched on' : 'heartbeats switched off');
      return { ok: true, enabled: p.enabled };
    },
  });
}
