import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../support/gateway-process.js';

/** A third-party plugin on disk (imports the built SDK), so reload tests do not depend on the catalog. */
export function writeFixturePlugin(dir: string, id = 'cli-fixture'): string {
  const file = path.join(dir, `${id}.mjs`);
  const sdk = path.join(REPO_ROOT, 'dist/sdk/index.js');
  fs.writeFileSync(
    file,
    `import { definePlugin, Type } from ${JSON.stringify(sdk)};
export default definePlugin({
  id: ${JSON.stringify(id)},
  version: '1.2.3',
  sdk: '*',
  configSchema: Type.Object({ greeting: Type.Optional(Type.String()) }),
  register(app, ctx) {
    ctx.methods.register('fixture.hello', {
      scope: 'operator.read',
      params: Type.Object({}),
      handler: () => ({ hello: ctx.config.greeting ?? 'world' }),
    });
  },
});
`,
  );
  return file;
}

/** The ids of the first-party plugins, to switch them all off for a gateway without optional methods. */
export async function builtinIds(): Promise<string[]> {
  const mod = (await import(path.join(REPO_ROOT, 'dist/plugins/catalog.js'))) as {
    BUILTIN_PLUGINS: Array<{ id: string }>;
  };
  return mod.BUILTIN_PLUGINS.map((p) => p.id);
}
