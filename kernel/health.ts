import type { ChannelStatus } from '../sdk/channel.js';
import type { ConfigErrorReport } from './config/config-controller.js';
import type { PluginSummary } from './host/plugin-status.js';
import type { PluginRegistries } from './host/registries.js';
import { type KeyedReader, mergeReports } from './keyed-reports.js';

/** Health fields the kernel fills itself; `ctx.health.report` may not take them. */
export const KERNEL_HEALTH_KEYS = ['ok', 'ts', 'durationMs', 'channels', 'linkChannel', 'plugins', 'configError'];

/**
 * HealthSnapshot fields PROTOCOL.md promises every client even when no plugin reports them
 * (clients decode `sessions.count` unconditionally); a plugin's report replaces the default.
 */
const PROTOCOL_DEFAULTS: Record<string, unknown> = { sessions: { count: 0 } };

export interface HealthInputs {
  plugins: readonly PluginSummary[];
  registries?: PluginRegistries;
  configError?: ConfigErrorReport;
  listening: boolean;
}

/** Each registered channel's status; a throwing adapter shows as unlinked with its error. */
export function channelStatuses(
  registries: PluginRegistries | undefined,
): Record<string, ChannelStatus & { error?: string }> {
  const channels: Record<string, ChannelStatus & { error?: string }> = {};
  for (const adapter of registries?.channels.values() ?? []) {
    try {
      channels[adapter.id] = adapter.status();
    } catch (err) {
      channels[adapter.id] = { linked: false, accounts: [], error: (err as Error).message };
    }
  }
  return channels;
}

/**
 * The health snapshot (PROTOCOL.md `health`). `ok` is true when the gateway listens and every
 * enabled plugin is active; a failed plugin or a rejected config edit is listed with its reason.
 * Plugins add their own fields through `ctx.health.report(key, read)`.
 */
export function buildHealthSnapshot(inputs: HealthInputs): Record<string, unknown> {
  const started = performance.now();
  const plugins = inputs.plugins.filter((p) => p.enabled || p.state === 'failed');
  const channels = channelStatuses(inputs.registries);
  const primary = Object.entries(channels).find(([, c]) => c.linked)?.[0] ?? Object.keys(channels)[0];
  const failed = plugins.filter((p) => p.state === 'failed');
  const snapshot: Record<string, unknown> = {
    ok: inputs.listening && failed.length === 0,
    ts: Date.now(),
    durationMs: 0,
    channels,
    plugins: plugins.map((p) => ({
      id: p.id,
      version: p.version,
      state: p.state,
      generation: p.generation,
      ...(p.lastError ? { error: p.lastError.message, errorCode: p.lastError.code } : {}),
    })),
    ...structuredClone(PROTOCOL_DEFAULTS),
  };
  mergeReports(snapshot, inputs.registries?.table<KeyedReader>('healthReports').values() ?? []);
  if (primary) snapshot.linkChannel = { id: primary, linked: channels[primary]!.linked };
  if (inputs.configError) snapshot.configError = inputs.configError;
  snapshot.durationMs = Math.round((performance.now() - started) * 1000) / 1000;
  return snapshot;
}
