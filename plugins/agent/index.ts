import path from 'node:path';
import { definePlugin, type OutboundService, type PluginContext } from '../../sdk/index.js';
import { AgentRuntime } from './agent-runtime.js';
import { agentCommands } from './commands/agent-commands.js';
import { AgentPluginConfig, type AgentPluginConfigT } from './config-schema.js';
import { registerHealthReports } from './health-report.js';
import { registerHeartbeatMethods } from './heartbeat/heartbeat-methods.js';
import { HeartbeatRunner } from './heartbeat/heartbeat-runner.js';
import { HeartbeatStore } from './heartbeat/heartbeat-store.js';
import { systemLineHooks } from './heartbeat/run-hooks.js';
import { registerAgentMethods } from './methods/agent-methods.js';
import { registerCatalogMethods } from './methods/catalog-methods.js';
import { registerChatMethods } from './methods/chat-methods.js';
import { registerSessionsMethods } from './methods/sessions-methods.js';
import { registerUsageMethods } from './methods/usage-methods.js';
import { findAgent } from './run-executor.js';
import { mainSessionKey } from './session-keys.js';
import { SessionStore } from './session-store.js';
import { expandHome } from './system-prompt.js';
import { gatewayTool } from './tools/gateway-tool.js';
import { messageTool } from './tools/message-tool.js';
import { sessionsTools } from './tools/sessions-tools.js';
import { ensureWorkspace } from './workspace-files.js';

const RUN_HISTORY_MS = 7 * 24 * 3600_000;

export default definePlugin({
  id: 'agent',
  version: '1.0.0',
  sdk: '^1.0.0',
  configKey: ['agents', 'models', 'messages', 'tools', 'session'],
  configSchema: AgentPluginConfig,
  dependsOn: ['outbound', 'sandbox', 'transcriber'],
  description:
    'Agent runtime: model providers, sessions and transcripts, per-session queues, tools, agent/chat/sessions ' +
    'methods, the heartbeat (wake, last-heartbeat), the session chat commands (/new, /model, /compact, …).',
  register(_app, ctx) {
    const store = new SessionStore(ctx.store);
    store.pruneRuns(RUN_HISTORY_MS);
    const heartbeatStore = HeartbeatStore.open(ctx.store);
    const runtime = new AgentRuntime(ctx, store, systemLineHooks(heartbeatStore));
    const heartbeat = new HeartbeatRunner(ctx, runtime, heartbeatStore);
    createDefaultWorkspace(ctx, runtime.defaultAgentId());

    ctx.events.declare('agent');
    ctx.events.declare('chat');
    ctx.events.declare('heartbeat');
    const runs = ctx.metrics.counter({
      name: 'agent_runs_total',
      help: 'Agent runs finished, by status (ok, error, timeout, aborted)',
      labelNames: ['status'],
    });
    const runSeconds = ctx.metrics.histogram({
      name: 'agent_run_duration_seconds',
      help: 'Agent run duration from start to final answer, by status',
      labelNames: ['status'],
      buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    });
    runtime.onRunFinished = (status, seconds) => {
      runs.inc({ status });
      runSeconds.observe(seconds, { status });
    };
    ctx.metrics.gauge({
      name: 'agent_queue_depth',
      help: 'Agent runs waiting in the per-session queues',
      collect: () => runtime.queueDepth(),
    });
    registerAgentMethods(ctx, runtime);
    registerHeartbeatMethods(ctx, heartbeat);
    registerChatMethods(ctx, runtime);
    registerSessionsMethods(ctx, runtime);
    registerCatalogMethods(ctx, runtime);
    registerUsageMethods(ctx, runtime);

    ctx.tools.register(
      gatewayTool(ctx.gateway, () => ({ queueDepth: runtime.queueDepth(), sessions: runtime.count() })),
    );
    ctx.tools.register(messageTool(() => ctx.services.get('outbound') as OutboundService | undefined, ctx.channels));
    for (const tool of sessionsTools(store)) ctx.tools.register(tool);
    for (const command of agentCommands(runtime)) ctx.commands.register(command);

    ctx.services.provide('agent', runtime);
    ctx.services.provide('sessions', runtime);
    registerHealthReports(ctx, runtime);
    ctx.status.section('agentQueueDepth', () => runtime.queueDepth());
    ctx.status.section('modelProviders', () => runtime.providerHealth.snapshot());
    // hello-ok's snapshot.sessionDefaults comes from this section.
    ctx.status.section('sessionDefaults', () => {
      const defaultAgentId = runtime.defaultAgentId();
      return {
        defaultAgentId,
        mainKey: runtime.mainKey,
        mainSessionKey: mainSessionKey(defaultAgentId, runtime.mainKey),
      };
    });
    ctx.services.provide('heartbeat', heartbeat);
    heartbeat.start();
    ctx.onDrain(() => {
      heartbeat.stop();
      runtime.drain();
    });
    ctx.lease.defer('stop runs still going', () => runtime.shutdown());
  },
});

/** First start: the default agent's workspace with a short AGENTS.md and HEARTBEAT.md to edit. */
function createDefaultWorkspace(ctx: PluginContext<AgentPluginConfigT>, agentId: string): void {
  const { agent } = findAgent(ctx.config, agentId);
  const dir = expandHome(agent?.workspace ?? ctx.config.agents.defaults.workspace ?? ctx.paths.workspaceDir);
  try {
    const created = ensureWorkspace(dir);
    if (created.length)
      ctx.logger.info(
        { dir, files: created.filter((f) => f !== dir).map((f) => path.basename(f)) },
        'created the workspace',
      );
  } catch (err) {
    // A workspace that cannot be made is not a reason to stop the agent: runs work without it.
    ctx.logger.warn({ err, dir }, 'could not create the workspace');
  }
}
