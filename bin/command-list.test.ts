import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from './command-list.js';

const docs = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/cli.md'), 'utf8');

describe('every command is documented', () => {
  for (const command of COMMANDS) {
    const main = command.paths![0]!.join(' ');
    it(`moltbot ${main}: in docs/cli.md with an example, and --help has examples`, () => {
      expect(docs).toContain(`\`moltbot ${main}`);
      expect(command.usage?.examples?.length ?? 0, main).toBeGreaterThan(0);
      for (const [, example] of command.usage!.examples!)
        expect(
          example.startsWith('moltbot') || /^[A-Z_]+=\S+ moltbot/.test(example) || example.startsWith('sudo moltbot'),
        ).toBe(true);
    });
  }
});
