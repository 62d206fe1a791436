import type { ConfigErrorReport } from './config/config-controller.js';
import { channelStatuses } from './health.js';
import type { PluginStatus } from './host/plugin-status.js';
import type { PluginRegistries } from './host/registries.js';
import { type KeyedReader, mergeReports } from './keyed-reports.js';
import type { KernelRuntime } from './runtime.js';

/** Status fields the kernel fills itself; `ctx.status.section` may not take them. */
export const KERNEL_STATUS_KEYS = [
  'version',
  'pid',
  'uptimeMs',
  'processUptimeMs',
  'port',
  'bind',
  'auth',
  'configPath',
  'stateDir',
  'connections',
  'presence',
  'channels',
  'errors.config',
  'errors.plugins',
  'configError',
  'plugins',
];

/** Fields PROTOCOL.md's `status` lists that a plugin fills; these defaults stand in when none does. */
const PROTOCOL_DEFAULTS: Record<string, unknown> = { agentQueueDepth: 0 };

export interface StatusInputs {
  runtime: KernelRuntime;
  plugins: readonly PluginStatus[];
  registries?: PluginRegistries;
  configError?: ConfigErrorReport;
  port: number;
  bind: string;
  processStartedAt: number;
}

/**
 * The `status` summary (PROTOCOL.md): what runs and how. The kernel's own facts, then every
 * plugin's `ctx.status.section(key, read)` at its key (a dotted key such as `errors.deadLetters` nests).
 */
export function buildStatusSummary(inputs: StatusInputs): Record<string, unknown> {
  const rt = inputs.runtime;
  const now = Date.now();
  const summary: Record<string, unknown> = {
    version: rt.version,
    pid: process.pid,
    uptimeMs: now - rt.startedAt,
    processUptimeMs: now - inputs.processStartedAt,
    port: inputs.port,
    bind: inputs.bind,
    auth: { mode: rt.auth.mode, source: rt.auth.source, allowTailscale: rt.auth.allowTailscale },
    configPath: rt.paths.configPath,
    stateDir: rt.paths.stateDir,
    connections: rt.broadcaster.size,
    presence: rt.presence.size,
    channels: channelStatuses(inputs.registries),
    ...structuredClone(PROTOCOL_DEFAULTS),
    errors: {
      config: inputs.configError ? 1 : 0,
      plugins: inputs.plugins.filter((p) => p.state === 'failed').length,
    },
    configError: inputs.configError,
    plugins: inputs.plugins.map((p) => ({
      id: p.id,
      version: p.version,
      state: p.state,
      enabled: p.enabled,
      generation: p.generation,
      lastError: p.lastError?.message,
    })),
  };
  mergeReports(summary, statusSections(inputs.registries));
  return summary;
}

/** The status sections plugins registered (the hello-ok snapshot reads `sessionDefaults` here). */
export function statusSections(registries: PluginRegistries | undefined): KeyedReader[] {
  return registries?.table<KeyedReader>('statusSections').values() ?? [];
}
