import { agentError } from '../errors.js';

/**
 * The one rule for `models.providers.<name>.apiKey`: `env:NAME` or `${NAME}` reads environment
 * variable NAME (it must be set); a value that is itself an all-caps variable name
 * (`OPENAI_API_KEY`) is read from the environment when that variable is set; anything else is
 * the key itself. No apiKey: no auth header (local servers such as Ollama).
 */
export function resolveApiKey(
  providerName: string,
  raw: string | undefined,
  env: NodeJS.ProcessEnv,
): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const named = /^env:([A-Za-z_][A-Za-z0-9_]*)$/.exec(raw) ?? /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(raw);
  if (named) {
    const value = env[named[1]!];
    if (!value) {
      throw agentError(
        'GW_ERR_AGENT_API_KEY_MISSING',
        `models.providers.${providerName}.apiKey names environment variable ${named[1]}, which is not set: export it ` +
          'before starting the gateway, or put the key in the config',
      );
    }
    return value;
  }
  if (/^[A-Z][A-Z0-9_]*$/.test(raw) && env[raw]) return env[raw];
  return raw;
}
