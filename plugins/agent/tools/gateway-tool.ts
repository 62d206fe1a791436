import { type AgentTool, type GatewayInfo, Type } from '../../../sdk/index.js';

/** `gateway`: status of the running gateway, or an in-process restart (drains runs first). */
export function gatewayTool(gateway: GatewayInfo, stats: () => { queueDepth: number; sessions: number }): AgentTool {
  return {
    name: 'gateway',
    description:
      'Inspect or restart the Moltbot gateway. action "status" returns version, port and uptime; action "restart" ' +
      'restarts it in-process after delayMs (running turns finish first).',
    dangerous: true,
    parameters: Type.Object(
      {
        action: Type.Union([Type.Literal('status'), Type.Literal('restart')]),
        delayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 600_000 })),
        reason: Type.Optional(Type.String({ maxLength: 256 })),
      },
      { additionalProperties: false },
    ),
    execute(args: { action: 'status' | 'restart'; delayMs?: number; reason?: string }) {
      if (args.action === 'restart') {
        const delayMs = args.delayMs ?? 0;
        gateway.requestRestart(args.reason ?? 'requested by the agent (gateway tool)', delayMs);
        return { ok: true, action: 'restart', delayMs };
      }
      return {
        ok: true,
        version: gateway.version,
        port: gateway.port,
        bind: gateway.bind,
        uptimeMs: Date.now() - gateway.startedAt,
        ...stats(),
      };
    },
  };
}
