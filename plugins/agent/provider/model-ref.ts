import type { AgentConfig, AgentPluginConfigT, ModelChoiceT, ModelConfig, ProviderConfig } from '../config-schema.js';
import { agentError } from '../errors.js';

/** One model a run may use, with where its choice came from (for error messages). */
export interface ResolvedModel {
  ref: string;
  providerName: string;
  provider: ProviderConfig;
  model: ModelConfig;
  /** The config key that chose it, e.g. `agents.defaults.model.primary`. */
  source: string;
}

function choiceParts(choice: ModelChoiceT | undefined): { primary?: string; fallbacks?: string[] } {
  if (choice === undefined) return {};
  if (typeof choice === 'string') return { primary: choice };
  return choice;
}

/**
 * The models to try for an agent, in order: its primary then its fallbacks (the agent's own
 * `model` first, else `agents.defaults.model`). With no primary configured, the first model of
 * the first provider is used; with no provider at all, a clear error names the keys to set.
 */
export function resolveModelChain(
  cfg: AgentPluginConfigT,
  agent: AgentConfig | undefined,
  agentIndex: number,
  override?: string,
): ResolvedModel[] {
  const providers = cfg.models.providers ?? {};
  const names = Object.keys(providers);
  if (names.length === 0) {
    throw agentError(
      'GW_ERR_AGENT_NO_PROVIDER',
      'no model provider is configured: set models.providers.<name> = {baseUrl, apiKey, api: ' +
        '"openai-completions"|"anthropic-messages", models: [{id}]} and agents.defaults.model.primary = ' +
        '"<name>/<model>"',
    );
  }
  const own = choiceParts(agent?.model);
  const defaults = choiceParts(cfg.agents.defaults.model);
  const ownKey = `agents.list[${agentIndex}].model`;
  const refs: Array<{ ref: string; source: string }> = [];
  if (override) refs.push({ ref: override, source: 'model' });
  else if (own.primary)
    refs.push({ ref: own.primary, source: typeof agent?.model === 'string' ? ownKey : `${ownKey}.primary` });
  else if (defaults.primary)
    refs.push({
      ref: defaults.primary,
      source: typeof cfg.agents.defaults.model === 'string' ? 'agents.defaults.model' : 'agents.defaults.model.primary',
    });
  else {
    const first = names[0]!;
    const model = providers[first]!.models[0];
    if (!model) {
      throw agentError(
        'GW_ERR_AGENT_NO_PROVIDER',
        'no model to use: set agents.defaults.model.primary = "<provider>/<model>" or list models in ' +
          `models.providers.${first}.models`,
      );
    }
    refs.push({ ref: `${first}/${model.id}`, source: `models.providers.${first}.models[0]` });
  }
  const fallbacks = own.fallbacks ?? defaults.fallbacks ?? [];
  const fbKey = own.fallbacks ? `${ownKey}.fallbacks` : 'agents.defaults.model.fallbacks';
  for (const [i, ref] of fallbacks.entries()) refs.push({ ref, source: `${fbKey}[${i}]` });
  return refs.map(({ ref, source }) => resolveRef(cfg, ref, source));
}

export function resolveRef(cfg: AgentPluginConfigT, ref: string, source: string): ResolvedModel {
  const providers = cfg.models.providers ?? {};
  const slash = ref.indexOf('/');
  if (slash <= 0 || slash === ref.length - 1) {
    throw agentError(
      'GW_ERR_AGENT_MODEL_REF',
      `${source} = "${ref}" is not "<provider>/<model>" (providers: ${Object.keys(providers).join(', ')})`,
    );
  }
  const providerName = ref.slice(0, slash);
  const modelId = ref.slice(slash + 1);
  const provider = providers[providerName];
  if (!provider) {
    throw agentError(
      'GW_ERR_AGENT_MODEL_REF',
      `${source} = "${ref}" names provider "${providerName}", which is not in models.providers (configured: ` +
        `${Object.keys(providers).join(', ')})`,
    );
  }
  if (provider.api !== 'openai-completions' && provider.api !== 'anthropic-messages') {
    throw agentError(
      'GW_ERR_AGENT_MODEL_REF',
      `models.providers.${providerName}.api = "${provider.api}" is not supported: use "openai-completions" (OpenAI, ` +
        'OpenRouter, LiteLLM, Ollama, vLLM, LM Studio, llama.cpp) or "anthropic-messages"',
    );
  }
  const listed = provider.models.find((m) => m.id === modelId);
  if (!listed && provider.models.length > 0) {
    throw agentError(
      'GW_ERR_AGENT_MODEL_UNKNOWN',
      `${source} = "${ref}": model "${modelId}" is not listed in models.providers.${providerName}.models (listed: ` +
        `${provider.models.map((m) => m.id).join(', ')})`,
    );
  }
  return { ref, providerName, provider, model: listed ?? { id: modelId }, source };
}
