import { definePlugin } from '../../sdk/index.js';
import { SandboxPluginConfig } from './config-schema.js';
import { gatewayId } from './container-identity.js';
import { ContainerManager } from './container-manager.js';
import { DockerConnection } from './docker-connection.js';
import { registerSandboxMethods } from './sandbox-methods.js';
import { SandboxRuntime } from './sandbox-runtime.js';

const PRUNE_EVERY_MS = 5 * 60_000;

export default definePlugin({
  id: 'sandbox',
  version: '1.0.0',
  sdk: '^1.0.0',
  configKey: ['agents', 'tools', 'session'],
  configSchema: SandboxPluginConfig,
  description:
    'Docker sandbox for agent tools: which sessions are sandboxed (agents.*.sandbox), their containers ' +
    '(created, reused, recreated on config change, pruned) and the sandbox tool policy.',
  register(_app, ctx) {
    const connection = new DockerConnection();
    const containers = new ContainerManager(connection, gatewayId(ctx.paths.stateDir), ctx.store, ctx.logger);
    const runtime = new SandboxRuntime(ctx, containers);
    ctx.services.provide('sandbox', runtime);
    registerSandboxMethods(ctx, runtime);

    const prune = () => {
      void containers
        .prune((agentId) => runtime.settings(agentId).prune)
        .catch((err) => ctx.logger.debug({ err }, 'sandbox prune skipped'));
    };
    ctx.lease.timeout('first sandbox prune', 10_000, prune);
    ctx.lease.interval('sandbox prune', PRUNE_EVERY_MS, prune);
  },
});
