/**
 * The one rule for `models.providers.<name>.apiKey`: `env:NAME` or `${NAME}` reads environment
 * variable NAME (it must be set); a value that is itself an all-caps variable name
 * (`OPENAI_API_KEY`) is read from the environment when that variable is set; anything else is
 * the key itself. No apiKey: no auth header (local servers such as Ollama).
 */
export declare function resolveApiKey(providerName: string, raw: string | undefined, env: NodeJS.ProcessEnv): string | undefined;
