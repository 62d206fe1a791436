/** Gateway config for workloads that run agent turns against the fake model provider. */
import { FAKE_MODEL, FAKE_PROVIDER_KEY, type FakeModelProvider } from './fakes.js';

/** `models.providers.fake` answering every turn, and the default agent's model pointing at it. */
export function fakeProviderConfig(provider: FakeModelProvider): Record<string, unknown> {
  return {
    models: {
      providers: {
        fake: {
          baseUrl: provider.baseUrl,
          apiKey: FAKE_PROVIDER_KEY,
          api: 'openai-completions',
          models: [{ id: FAKE_MODEL }],
        },
      },
    },
    agents: { defaults: { model: { primary: `fake/${FAKE_MODEL}` } } },
  };
}
