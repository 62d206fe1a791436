import type { AgentConfig, AgentPluginConfigT, ModelConfig, ProviderConfig } from '../config-schema.js';
/** One model a run may use, with where its choice came from (for error messages). */
export interface ResolvedModel {
    ref: string;
    providerName: string;
    provider: ProviderConfig;
    model: ModelConfig;
    /** The config key that chose it, e.g. `agents.defaults.model.primary`. */
    source: string;
}
/**
 * The models to try for an agent, in order: its primary then its fallbacks (the agent's own
 * `model` first, else `agents.defaults.model`). With no primary configured, the first model of
 * the first provider is used; with no provider at all, a clear error names the keys to set.
 */
export declare function resolveModelChain(cfg: AgentPluginConfigT, agent: AgentConfig | undefined, agentIndex: number, override?: string): ResolvedModel[];
export declare function resolveRef(cfg: AgentPluginConfigT, ref: string, source: string): ResolvedModel;
