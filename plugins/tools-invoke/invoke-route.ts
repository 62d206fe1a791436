import {
  type AgentService,
  clientGone,
  type PluginApp,
  type PluginContext,
  type Static,
  Type,
} from '../../sdk/index.js';
import type { ToolsInvokeConfigT } from './config-schema.js';
import { toolFailure, toolsInvokeError } from './errors.js';

/** The request body; checked by the route's schema before the handler runs (400 naming the field). */
export const InvokeBody = Type.Object(
  {
    tool: Type.String({ minLength: 1, pattern: '\\S', description: 'the tool to run' }),
    action: Type.Optional(Type.String({ description: 'shorthand for args.action' })),
    args: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: "the tool's arguments" })),
    sessionKey: Type.Optional(Type.String()),
    agentId: Type.Optional(Type.String()),
    dryRun: Type.Optional(Type.Boolean({ description: 'validate the arguments only' })),
  },
  // Unknown fields are ignored, as Moltbot's own endpoint does: existing clients may send more.
  { additionalProperties: true },
);

/** `POST /tools/invoke {tool, action?, args?, sessionKey?, agentId?, dryRun?}` → `{ok:true, result}`. */
export function registerInvokeRoute(app: PluginApp, ctx: PluginContext<ToolsInvokeConfigT>): void {
  app.post(
    '/tools/invoke',
    { bodyLimit: ctx.config.maxBodyBytes, schema: { body: InvokeBody } },
    async (req, reply) => {
      const body = req.body as Static<typeof InvokeBody>;
      const agent = ctx.services.get('agent') as AgentService | undefined;
      if (!agent?.invokeTool)
        throw toolsInvokeError(
          'GW_ERR_TOOLS_INVOKE_AGENT_UNAVAILABLE',
          'the agent runtime (plugin "agent") is not loaded; tools cannot run',
        );
      // `action` is shorthand for args.action (tools such as `gateway` take one).
      const args = { ...(body.args ?? {}), ...(body.action !== undefined ? { action: body.action } : {}) };
      const headerAgent = req.headers['x-moltbot-agent-id'];
      const headerSession = req.headers['x-moltbot-session-key'];
      try {
        const result = await agent.invokeTool({
          tool: body.tool,
          args,
          agentId: body.agentId ?? (typeof headerAgent === 'string' && headerAgent ? headerAgent : undefined),
          sessionKey: body.sessionKey ?? (typeof headerSession === 'string' ? headerSession : undefined),
          via: 'http',
          allowDangerous: ctx.config.allow,
          dryRun: body.dryRun === true,
          signal: clientGone(reply),
        });
        return { ok: true, result: result ?? null };
      } catch (err) {
        throw toolFailure(err);
      }
    },
  );
}
