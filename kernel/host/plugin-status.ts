import type { PerKind } from './registrations.js';

export type PluginState = 'loading' | 'active' | 'failed' | 'disabled';

/**
 * One plugin as `plugins.list` shows it. Beside its state, one name list per registration kind
 * (`methods`, `routes`, `tools`, `commands`, …) of its current generation.
 */
export interface PluginStatus extends PerKind<string[]> {
  id: string;
  source: 'builtin' | 'external';
  from?: string;
  enabled: boolean;
  state: PluginState;
  version?: string;
  generation: number;
  configKeys: string[];
  /** `pluginErrorCode`: the plugin's own `GW_ERR_…` code when its register threw one (`code` is then
   * GW_ERR_PLUGIN_REGISTER). */
  lastError?: { code: string; message: string; at: number; pluginErrorCode?: string };
  loadedAt?: number;
  loadMs?: number;
}

/** The few fields `status` and `health` show of a plugin, without the per-kind name lists. */
export type PluginSummary = Pick<PluginStatus, 'id' | 'version' | 'state' | 'enabled' | 'generation' | 'lastError'>;
