import fs from 'node:fs';
import path from 'node:path';
import type { InternalEventMap, PluginContext, ServiceName } from '../../sdk/context.js';
import { deviceDirectory } from '../auth/device-directory.js';
import { checkPluginCredential, derivedSecret } from '../auth/plugin-credential.js';
import { secretsEqual } from '../auth/shared-secret.js';
import { MethodRegistry } from '../bus/method-registry.js';
import { cliCommand } from '../cli-command.js';
import { connectionDirectory } from '../connection/connection-directory.js';
import { kernelError } from '../errors.js';
import { PROTOCOL_VERSION } from '../protocol/frames.js';
import { migrate } from '../store/database.js';
import type { GenerationDeps, PluginGeneration } from './plugin-generation.js';
import { pluginMetrics } from './plugin-metrics-registrar.js';
import { KIND } from './registrations.js';

/** A chat command's lookup name: case-insensitive, with or without its slash. */
const commandName = (name: string) => name.replace(/^\//, '').toLowerCase();

/**
 * What `ctx` is for one generation. Every `register`/`provide`/`declare`/`on`/`report`/`section`
 * stages an entry on the generation (see registrations.ts) and returns the disposer recorded on
 * its lease; lookups (`get`, `list`) read the live tables at call time.
 */
export function createPluginContext(gen: PluginGeneration, deps: GenerationDeps): PluginContext<unknown> {
  const { registries } = deps;
  const id = gen.def.id;
  const declared = new Set(gen.def.dependsOn ?? []);
  const rt = deps.runtime();
  const dataDir = path.join(rt.paths.stateDir, 'plugins', id);
  return {
    id,
    version: gen.def.version,
    generation: gen.number,
    config: gen.config,
    logger: gen.logger,
    paths: {
      stateDir: rt.paths.stateDir,
      get dataDir() {
        fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
        return dataDir;
      },
      configPath: rt.paths.configPath,
      workspaceDir: rt.paths.workspaceDir,
    },
    store: {
      db: deps.db,
      migrate: (migrations, options) =>
        migrate(deps.db, options?.set ? `plugin:${id}/${options.set}` : `plugin:${id}`, migrations),
    },
    methods: {
      register: (name, options) => gen.stage(KIND.methods, MethodRegistry.entry(id, name, options)),
    },
    events: {
      declare: (name) => gen.stage(KIND.events, { name }),
      emit(name, payload, options) {
        if (!gen.lease.active) return;
        deps.runtime().broadcaster.broadcast(name, payload, options?.filter);
      },
      sendTo: (connId, name, payload) => deps.runtime().broadcaster.sendTo(connId, name, payload),
      on<K extends keyof InternalEventMap>(name: K, listener: (payload: InternalEventMap[K]) => void) {
        gen.lease.assertActive(`listener ${String(name)}`);
        const safe = (payload: InternalEventMap[K]) => {
          try {
            listener(payload);
          } catch (err) {
            gen.logger.error({ err, event: name }, 'internal event listener failed');
          }
        };
        registries.internal.on(name, safe);
        return gen.lease.defer(`listener ${String(name)}`, () => registries.internal.off(name, safe));
      },
    },
    services: {
      provide: (name, impl) => gen.stage(KIND.services, { name: String(name), impl }),
      get(name: ServiceName) {
        const key = String(name);
        const own = gen.entry(KIND.services, key);
        if (!own && !declared.has(key)) {
          throw kernelError(
            'GW_ERR_SERVICE_UNDECLARED',
            `plugin ${id} looked up service "${key}" without declaring it in dependsOn`,
          );
        }
        return (own ?? registries.services.get(key))?.impl as never;
      },
    },
    tools: {
      register: (tool) => gen.stage(KIND.tools, tool),
      list: () => registries.tools.values(),
      get: (name) => registries.tools.get(name),
    },
    channels: {
      register: (adapter) => gen.stage(KIND.channels, adapter),
      list: () => registries.channels.values(),
      get: (cid) => registries.channels.get(cid),
    },
    commands: {
      register: (command) => gen.stage(KIND.commands, command),
      list: () => registries.commands.values().sort((a, b) => a.name.localeCompare(b.name)),
      get: (name) => registries.commands.get(commandName(name)),
    },
    health: {
      report: (key, read) => gen.stage(KIND.healthReports, { key, read }),
    },
    status: {
      section: (key, read) => gen.stage(KIND.statusSections, { key, read }),
    },
    metrics: pluginMetrics(
      id,
      (entry) => gen.stage(KIND.metrics, entry),
      () => deps.runtime().metrics.pluginStore,
    ),
    lease: gen.lease,
    gateway: {
      version: rt.version,
      protocol: PROTOCOL_VERSION,
      // A getter: with port 0 (tests) the OS picks the port after the first generation is built.
      get port() {
        return deps.runtime().hostPolicy.port;
      },
      requestedPort: rt.requestedPort,
      bind: rt.hostPolicy.bindHost,
      host: rt.hostPolicy.bindHost,
      startedAt: rt.startedAt,
      rootConfig: deps.rootConfig,
      requestRestart: (reason, delayMs) => deps.requestRestart(reason, delayMs),
      cliCommand: (args) => cliCommand(args, rt.paths.profile),
    },
    auth: {
      checkCredential: (req, options) => checkPluginCredential(deps.runtime(), id, req, options),
      isGatewaySecret: (candidate) => secretsEqual(candidate, deps.runtime().auth.secret),
      derivedSecret: (purpose) => derivedSecret(deps.runtime(), purpose),
    },
    listeners: {
      async open(spec) {
        gen.lease.assertActive(`listener ${spec.label}`);
        const held = await registries.listeners.open(deps.runtime, id, gen, gen.logger, spec);
        if (!gen.lease.active) {
          await held.release();
          gen.lease.assertActive(`listener ${spec.label}`);
        }
        gen.lease.defer(`listener ${spec.label}`, () => held.release());
        gen.logger.info({ listener: spec.label, host: held.address.host, port: held.address.port }, 'listening');
        return held.address;
      },
    },
    hello: {
      contribute: (field, value) => gen.stage(KIND.helloFields, { field, value }),
    },
    devices: deviceDirectory(deps.runtime),
    connections: connectionDirectory(deps.runtime),
    onDrain(fn) {
      gen.drainHooks.push(fn);
      return gen.lease.defer('drain hook', () => {
        const at = gen.drainHooks.indexOf(fn);
        if (at !== -1) gen.drainHooks.splice(at, 1);
      });
    },
  };
}
