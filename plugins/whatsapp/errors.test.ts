import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WHATSAPP_ERRORS } from './errors.js';

describe('whatsapp error codes', () => {
  it('are each documented in README.md with their wire code, and the README names no others', () => {
    const readme = fs.readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    for (const [code, wire] of Object.entries(WHATSAPP_ERRORS))
      expect(readme).toMatch(new RegExp(`\\\`${code}\\\`\\s*\\|\\s*${wire}\\s*\\|`));
    const documented = [...readme.matchAll(/GW_ERR_[A-Z_]+/g)].map((m) => m[0]);
    expect(new Set(documented)).toEqual(new Set(Object.keys(WHATSAPP_ERRORS)));
  });
});
