import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const KERNEL = path.dirname(fileURLToPath(import.meta.url));
const PLUGINS = path.join(KERNEL, '..', 'plugins');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'app' || e.name === 'node_modules' ? [] : sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Every service name a first-party plugin provides (`ctx.services.provide('<name>', …)`). */
function providedServices(): string[] {
  const names = new Set<string>();
  for (const file of sources(PLUGINS))
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/services\.provide\(\s*['"`]([^'"`]+)['"`]/g))
      names.add(m[1]!);
  return [...names].sort();
}

describe('kernel/ layout', () => {
  it('imports nothing from plugins/ or bin/', () => {
    const offences: string[] = [];
    for (const file of sources(KERNEL)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)) {
        const spec = m[1]!;
        if (!spec.startsWith('.')) continue;
        const top = path.relative(path.join(KERNEL, '..'), path.resolve(path.dirname(file), spec)).split(path.sep)[0];
        if (top === 'plugins' || top === 'bin') offences.push(`${path.relative(KERNEL, file)} imports ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('names no plugin service: plugins contribute through ctx.health / ctx.status instead', () => {
    const services = providedServices();
    expect(services).toEqual(expect.arrayContaining(['agent', 'outbound', 'sessions']));
    const offences: string[] = [];
    for (const file of sources(KERNEL)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const name of services)
        for (const quote of ["'", '"', '`'])
          if (text.includes(`${quote}${name}${quote}`)) offences.push(`${path.relative(KERNEL, file)}: ${name}`);
    }
    expect(offences).toEqual([]);
  });
});
