import path from 'node:path';
import { type AgentRunOrigin, type AgentService, definePlugin, type PluginDefinition, Type } from '../../sdk/index.js';
import { startTestGateway, type TestGateway } from '../../sdk/testing.js';

/**
 * The real kernel in this process, for plugins whose outside service can only be reached
 * through an injected factory (WhatsApp): `sdk/testing`'s test gateway, with the plugins' own
 * "when does it run" rules and config edits written to the file (the watcher applies them).
 */
export interface InProcessGateway {
  /** `workspaceDir`: the default profile's workspace (`~/clawd` of the test HOME). */
  paths: { stateDir: string; configPath: string; workspaceDir: string };
  port: number;
  token: string;
  client: TestGateway['client'];
  writeConfig(config: Record<string, unknown>): void;
  stop(): Promise<void>;
}

export async function startInProcessGateway(options: {
  config: Record<string, unknown>;
  plugins: Array<{ def: PluginDefinition; enabled?: (root: Record<string, unknown>) => boolean }>;
}): Promise<InProcessGateway> {
  const tg = await startTestGateway({
    config: options.config,
    plugins: options.plugins.map((p) => ({ plugin: p.def, enabledByDefault: p.enabled })),
  });
  return {
    paths: {
      stateDir: tg.stateDir,
      configPath: tg.configPath,
      workspaceDir: path.join(path.dirname(tg.stateDir), 'clawd'),
    },
    port: tg.port,
    token: tg.token,
    client: (o) => tg.client(o),
    writeConfig: (config) => tg.writeConfig(config),
    stop: () => tg.close(),
  };
}

/** A stand-in `agent` service that echoes, recording what reached it (WhatsApp tests only). */
export function echoAgentPlugin(): {
  def: PluginDefinition;
  submitted: Array<{ message: string; origin?: AgentRunOrigin; sessionKey: string }>;
  thinkMs: { value: number };
} {
  const thinkMs = { value: 0 };
  const submitted: Array<{ message: string; origin?: AgentRunOrigin; sessionKey: string }> = [];
  let runs = 0;
  const service: AgentService = {
    submit(request) {
      submitted.push({
        message: request.message,
        sessionKey: request.sessionKey,
        ...(request.origin ? { origin: request.origin } : {}),
      });
      const runId = `run-${++runs}`;
      const result = { runId, status: 'ok' as const, text: `echo: ${request.message}` };
      return {
        runId,
        done:
          thinkMs.value > 0 ? new Promise((r) => setTimeout(() => r(result), thinkMs.value)) : Promise.resolve(result),
      };
    },
    sessionKeyFor: (origin) =>
      origin.chatType === 'group' ? `agent:main:${origin.channel}:group:${origin.chatId}` : 'agent:main:main',
    queueDepth: () => 0,
  };
  const def = definePlugin({
    id: 'agent',
    version: '1.0.0',
    sdk: '^1.0.0',
    configSchema: Type.Object({}),
    register: (_app, ctx) => ctx.services.provide('agent', service),
  });
  return { def, submitted, thinkMs };
}
