import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SDK = path.dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Every module specifier a file imports or re-exports (static and dynamic). */
function specifiers(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

describe('sdk/ layout', () => {
  it('imports nothing from bin/ or plugins/, and only sdk/testing reaches into kernel/', () => {
    const offences: string[] = [];
    for (const file of sources(SDK)) {
      const rel = path.relative(SDK, file);
      for (const spec of specifiers(file)) {
        if (!spec.startsWith('.')) continue;
        const target = path.relative(SDK, path.resolve(path.dirname(file), spec));
        const top = target.split(path.sep)[0];
        if (top !== '..') continue;
        const area = target.split(path.sep)[1];
        if (area === 'bin' || area === 'plugins') offences.push(`${rel} imports ${spec}`);
        if (area === 'kernel' && rel !== 'testing.ts') offences.push(`${rel} imports ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });
});
