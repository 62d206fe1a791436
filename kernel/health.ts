import type { ChannelStatus } from '../sdk/channel.js';
import type { ConfigErrorReport } from './config/config-controller.js';
import type { PluginHost } from './host/plugin-host.js';
import type { PluginRegistries } from './host/registries.js';

export interface HealthInputs {
  host?: PluginHost;
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
 */
export function buildHealthSnapshot(inputs: HealthInputs): Record<string, unknown> {
  const started = performance.now();
  const plugins = (inputs.host?.list() ?? []).filter((p) => p.enabled || p.state === 'failed');
  const channels = channelStatuses(inputs.registries);
  const primary = Object.entries(channels).find(([, c]) => c.linked)?.[0] ?? Object.keys(channels)[0];
  const sessions = inputs.registries?.services.get('sessions') as { count?: () => number } | undefined;
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
    sessions: { count: typeof sessions?.count === 'function' ? sessions.count() : 0 },
  };
  if (primary) snapshot.linkChannel = { id: primary, linked: channels[primary]!.linked };
  if (inputs.configError) snapshot.configError = inputs.configError;
  snapshot.durationMs = Math.round((performance.now() - started) * 1000) / 1000;
  return snapshot;
}
