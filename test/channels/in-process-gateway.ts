import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { GatewayClient } from '../../bin/client/gateway-client.js';
import { Gateway } from '../../kernel/gateway.js';
import type { BuiltinPlugin } from '../../kernel/host/resolve-plugin.js';
import { type GatewayPaths, resolvePaths } from '../../kernel/paths.js';
import { type AgentRunOrigin, type AgentService, definePlugin, type PluginDefinition, Type } from '../../sdk/index.js';
import { freePort } from '../support/free-port.js';

const TOKEN = 'in-process-token-0123456789abcdef0123456789';

/**
 * The real kernel in this process, for plugins whose outside service can only be reached
 * through an injected factory (WhatsApp). Clients speak the real protocol over a real socket.
 */
export interface InProcessGateway {
  gateway: Gateway;
  paths: GatewayPaths;
  port: number;
  token: string;
  client(): Promise<GatewayClient>;
  writeConfig(config: Record<string, unknown>): void;
  stop(): Promise<void>;
}

export async function startInProcessGateway(options: {
  config: Record<string, unknown>;
  plugins: Array<{
    id: string;
    configKeys: string[];
    def: PluginDefinition;
    enabled?: (root: Record<string, unknown>) => boolean;
  }>;
}): Promise<InProcessGateway> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'moltbot-inproc-'));
  const paths = resolvePaths({ home, env: {} });
  fs.mkdirSync(paths.stateDir, { recursive: true, mode: 0o700 });
  const withAuth = (config: Record<string, unknown>) => ({
    ...config,
    gateway: { ...(config.gateway as object), auth: { token: TOKEN }, reload: { debounceMs: 50 } },
  });
  const writeConfig = (config: Record<string, unknown>) => {
    const tmp = `${paths.configPath}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(withAuth(config), null, 2), { mode: 0o600 });
    fs.renameSync(tmp, paths.configPath);
  };
  writeConfig(options.config);
  const port = await freePort();
  const builtins: BuiltinPlugin[] = options.plugins.map((p) => ({
    id: p.id,
    configKeys: p.configKeys,
    load: async () => p.def,
    enabledByDefault: p.enabled ?? (() => true),
  }));
  const gateway = new Gateway({
    paths,
    flags: { port },
    env: {},
    version: '0.0.0-test',
    builtins,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    announce: () => undefined,
  });
  await gateway.start();
  return {
    gateway,
    paths,
    port,
    token: TOKEN,
    client: () =>
      GatewayClient.connect({ url: `ws://127.0.0.1:${port}`, token: TOKEN, clientId: 'test', clientMode: 'test' }),
    writeConfig,
    stop: async () => {
      await gateway.stop('test done');
      fs.rmSync(home, { recursive: true, force: true });
    },
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
