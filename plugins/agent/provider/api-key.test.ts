import { describe, expect, it } from 'vitest';
import { resolveApiKey } from './api-key.js';

describe('resolveApiKey', () => {
  const env = { MY_KEY: 'from-env' };
  it('reads env:NAME, ${NAME} and a bare set variable name; anything else is the key', () => {
    expect(resolveApiKey('p', 'env:MY_KEY', env)).toBe('from-env');
    expect(resolveApiKey('p', '${MY_KEY}', env)).toBe('from-env');
    expect(resolveApiKey('p', 'MY_KEY', env)).toBe('from-env');
    expect(resolveApiKey('p', 'sk-literal', env)).toBe('sk-literal');
    expect(resolveApiKey('p', undefined, env)).toBeUndefined();
  });

  it('names the config key when the variable is missing', () => {
    expect(() => resolveApiKey('openai', 'env:NOPE', env)).toThrow(
      /models\.providers\.openai\.apiKey names environment variable NOPE/,
    );
  });
});
