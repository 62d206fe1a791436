import type { ConfigErrorReport } from './config/config-controller.js';
import { channelStatuses } from './health.js';
import type { PluginSummary } from './host/plugin-status.js';
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
  plugins: readonly PluginSummary[];
  registries?: PluginRegistries;
  configError?: ConfigErrorReport;
  port: number;
  bind: string;
  processStartedAt: number;
}

/**
 * The `status` summary (PROTOCOL.md) as JSON: what runs and how. The kernel's own facts, then
 * every plugin's `ctx.status.section(key, read)` at its key (e.g. errors.deadLetters).
 *
 * `status` is the method clients poll, so its cost per call matters. The facts fixed for a start
 * (version, pid, port, bind, auth, paths) are serialized once per runtime and each plugin's entry
 * once per change of its state; only the counters, channels and sections are serialized per call.
 */
export class StatusSerializer {
  private fixed?: { runtime: KernelRuntime; port: number; bind: string; json: string };
  private readonly pluginJson = new Map<string, { summary: PluginSummary; json: string }>();

  serialize(inputs: StatusInputs): string {
    const rt = inputs.runtime;
    const now = Date.now();
    let failed = 0;
    for (const p of inputs.plugins) if (p.state === 'failed') failed++;
    const changing: Record<string, unknown> = {
      uptimeMs: now - rt.startedAt,
      processUptimeMs: now - inputs.processStartedAt,
      connections: rt.broadcaster.size,
      presence: rt.presence.size,
      channels: channelStatuses(inputs.registries),
      ...structuredClone(PROTOCOL_DEFAULTS),
      errors: { config: inputs.configError ? 1 : 0, plugins: failed },
      configError: inputs.configError,
    };
    mergeReports(changing, statusSections(inputs.registries));
    const body = JSON.stringify(changing);
    return `{${this.fixedJson(inputs)},${body.slice(1, -1)},"plugins":${this.pluginsJson(inputs.plugins)}}`;
  }

  /** `"version":…,"pid":…,…,"stateDir":…` for this runtime, port and bind address. */
  private fixedJson(inputs: StatusInputs): string {
    const rt = inputs.runtime;
    const f = this.fixed;
    if (f && f.runtime === rt && f.port === inputs.port && f.bind === inputs.bind) return f.json;
    const json = JSON.stringify({
      version: rt.version,
      pid: process.pid,
      port: inputs.port,
      bind: inputs.bind,
      auth: { mode: rt.auth.mode, source: rt.auth.source, allowTailscale: rt.auth.allowTailscale },
      configPath: rt.paths.configPath,
      stateDir: rt.paths.stateDir,
    }).slice(1, -1);
    this.fixed = { runtime: rt, port: inputs.port, bind: inputs.bind, json };
    return json;
  }

  private pluginsJson(plugins: readonly PluginSummary[]): string {
    let out = '[';
    for (const p of plugins) {
      let cached = this.pluginJson.get(p.id);
      if (!cached || !sameSummary(cached.summary, p)) {
        cached = {
          summary: p,
          json: JSON.stringify({
            id: p.id,
            version: p.version,
            state: p.state,
            enabled: p.enabled,
            generation: p.generation,
            lastError: p.lastError?.message,
          }),
        };
        this.pluginJson.set(p.id, cached);
      }
      out += out.length === 1 ? cached.json : `,${cached.json}`;
    }
    return `${out}]`;
  }
}

function sameSummary(a: PluginSummary, b: PluginSummary): boolean {
  return (
    a.state === b.state &&
    a.enabled === b.enabled &&
    a.generation === b.generation &&
    a.version === b.version &&
    a.lastError === b.lastError
  );
}

/** The status sections plugins registered (the hello-ok snapshot reads `sessionDefaults` here). */
export function statusSections(registries: PluginRegistries | undefined): KeyedReader[] {
  return registries?.table<KeyedReader>('statusSections').values() ?? [];
}
