/** The model providers `moltbot setup` offers, with what each needs. */
export interface ProviderPreset {
  id: 'openai' | 'anthropic' | 'openrouter' | 'ollama' | 'custom';
  label: string;
  api: 'openai-completions' | 'anthropic-messages';
  /** Default base URL (custom: none, the user gives one). */
  baseUrl?: string;
  /** An API key is required (Ollama and most local servers take none). */
  needsKey: boolean;
  /** Where people usually keep the key; offered as the default answer when set. */
  keyEnv?: string;
  /** Picked first in the model list when the provider offers it. */
  preferredModel?: string;
  keyHelp?: string;
  /** The list of models is public: this path under the base URL checks the key (ProviderEndpoint). */
  keyCheckPath?: string;
}

export const PROVIDER_PRESETS: readonly ProviderPreset[] = [
  {
    id: 'openai',
    label: 'OpenAI',
    api: 'openai-completions',
    baseUrl: 'https://api.openai.com/v1',
    needsKey: true,
    keyEnv: 'OPENAI_API_KEY',
    preferredModel: 'gpt-4o-mini',
    keyHelp: 'https://platform.openai.com/api-keys',
  },
  {
    id: 'anthropic',
    label: 'Anthropic',
    api: 'anthropic-messages',
    baseUrl: 'https://api.anthropic.com',
    needsKey: true,
    keyEnv: 'ANTHROPIC_API_KEY',
    preferredModel: 'claude-sonnet-4-5',
    keyHelp: 'https://console.anthropic.com/settings/keys',
  },
  {
    id: 'openrouter',
    label: 'OpenRouter',
    api: 'openai-completions',
    baseUrl: 'https://openrouter.ai/api/v1',
    needsKey: true,
    keyEnv: 'OPENROUTER_API_KEY',
    keyHelp: 'https://openrouter.ai/keys',
    keyCheckPath: '/key',
  },
  {
    id: 'ollama',
    label: 'Ollama (local)',
    api: 'openai-completions',
    baseUrl: 'http://127.0.0.1:11434/v1',
    needsKey: false,
  },
  { id: 'custom', label: 'Another OpenAI-compatible server', api: 'openai-completions', needsKey: false },
];

export function presetById(id: string): ProviderPreset | undefined {
  return PROVIDER_PRESETS.find((p) => p.id === id);
}
