import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NODES_ERRORS } from './errors.js';

describe('nodes error codes', () => {
  it('README.md documents every code and no other', () => {
    const readme = fs.readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    const documented = new Set(readme.match(/GW_ERR_NODES_[A-Z_]+/g));
    expect([...documented].sort()).toEqual(Object.keys(NODES_ERRORS).sort());
    for (const [code, spec] of Object.entries(NODES_ERRORS))
      expect(readme).toContain(`| \`${code}\` | ${spec.wire} | ${spec.status} |`);
  });
});
