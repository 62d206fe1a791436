import type { AgentService, PluginApp, PluginContext } from '../../sdk/index.js';
import type { ToolsInvokeConfigT } from './config-schema.js';
import { toolsInvokeError } from './errors.js';

interface InvokeBody {
  tool?: unknown;
  action?: unknown;
  args?: unknown;
  sessionKey?: unknown;
  agentId?: unknown;
  dryRun?: unknown;
}

/** `POST /tools/invoke {tool, action?, args?, sessionKey?, agentId?, dryRun?}` → `{ok:true, result}`. */
export function registerInvokeRoute(app: PluginApp, ctx: PluginContext<ToolsInvokeConfigT>): void {
  app.post('/tools/invoke', { bodyLimit: ctx.config.maxBodyBytes }, async (req, reply) => {
    const body = req.body as InvokeBody | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw toolsInvokeError(
        'GW_ERR_TOOLS_INVOKE_BAD_REQUEST',
        'the body must be a JSON object {tool, action?, args?, sessionKey?, dryRun?}',
      );
    if (typeof body.tool !== 'string' || body.tool.trim() === '')
      throw toolsInvokeError(
        'GW_ERR_TOOLS_INVOKE_BAD_REQUEST',
        '"tool" must be a non-empty string naming the tool to run',
      );
    if (body.args !== undefined && (typeof body.args !== 'object' || body.args === null || Array.isArray(body.args))) {
      throw toolsInvokeError(
        'GW_ERR_TOOLS_INVOKE_BAD_REQUEST',
        '"args" must be a JSON object of the tool\'s arguments',
      );
    }
    if (body.action !== undefined && typeof body.action !== 'string')
      throw toolsInvokeError('GW_ERR_TOOLS_INVOKE_BAD_REQUEST', '"action" must be a string');
    for (const k of ['sessionKey', 'agentId'] as const) {
      if (body[k] !== undefined && typeof body[k] !== 'string')
        throw toolsInvokeError('GW_ERR_TOOLS_INVOKE_BAD_REQUEST', `"${k}" must be a string`);
    }
    const agent = ctx.services.get('agent') as AgentService | undefined;
    if (!agent?.invokeTool)
      throw toolsInvokeError(
        'GW_ERR_TOOLS_INVOKE_AGENT_UNAVAILABLE',
        'the agent runtime (plugin "agent") is not loaded; tools cannot run',
      );
    // `action` is shorthand for args.action (tools such as `gateway` take one).
    const args = {
      ...((body.args as Record<string, unknown> | undefined) ?? {}),
      ...(body.action !== undefined ? { action: body.action } : {}),
    };
    const headerAgent = req.headers['x-moltbot-agent-id'];
    const controller = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) controller.abort(new Error('client disconnected'));
    });
    const result = await agent.invokeTool({
      tool: body.tool,
      args,
      agentId:
        (body.agentId as string | undefined) ??
        (typeof headerAgent === 'string' && headerAgent ? headerAgent : undefined),
      sessionKey:
        (body.sessionKey as string | undefined) ??
        (typeof req.headers['x-moltbot-session-key'] === 'string'
          ? (req.headers['x-moltbot-session-key'] as string)
          : undefined),
      via: 'http',
      allowDangerous: ctx.config.allow,
      dryRun: body.dryRun === true,
      signal: controller.signal,
    });
    return { ok: true, result: result ?? null };
  });
}
