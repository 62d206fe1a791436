import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI_ERRORS } from './cli-error.js';
import { ExitCode } from './exit-codes.js';

const docs = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/cli.md'), 'utf8');

describe('CLI error registry and docs/cli.md', () => {
  it('documents every code with its exit code, and documents no code that does not exist', () => {
    for (const [code, exit] of Object.entries(CLI_ERRORS)) {
      expect(docs, code).toMatch(new RegExp(`\\| \`${code}\` \\| ${exit} \\|`));
    }
    const documented = new Set(docs.match(/GW_ERR_CLI_[A-Z_]+/g));
    for (const code of documented) expect(Object.keys(CLI_ERRORS), code).toContain(code);
  });

  it('documents every exit code', () => {
    for (const n of Object.values(ExitCode)) expect(docs).toMatch(new RegExp(`^\\| ${n} \\| `, 'm'));
  });
});
