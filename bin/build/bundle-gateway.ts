import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

/**
 * `npm run build` step: the gateway as one esbuild bundle in dist/bundle/, what `npm start` and
 * the installed `moltbot` command run (cold start was module loading: ~1,250 files, 680 of
 * them TypeBox's). Built from tsc's output in dist/, so the unbundled build stays for
 * development and tests.
 *
 * - Split, ESM: the catalog's `import('./telegram/index.js')` and friends stay lazy chunks, so
 *   grammY, Baileys and the rest load only when their plugin is enabled.
 * - `sdk` is an entry of the same build: a third-party plugin's `moltbot-gateway/sdk` resolves
 *   (kernel/host/register-sdk-resolver.ts) to dist/bundle/sdk.js, which shares its chunks
 *   with the kernel: one SDK, one TypeBox per process.
 * - The resolve hook is an entry too: `register()` loads it by path beside the chunk.
 * - The npm packages every start loads are bundled (TypeBox, Fastify and its parts, pino, the
 *   CLI parser, …): CommonJS included, through a `require` made with `createRequire`. The
 *   rest stay external: native addons (better-sqlite3, sharp), packages loaded on first use
 *   by one plugin (grammY, Baileys, playwright-core, dockerode, …), so a start never reads them.
 * - Chunks sit flat in dist/bundle/ (two levels under the package, like dist/plugins/<id>/):
 *   code that finds files relative to `import.meta.url` (the dashboard's assets, the package
 *   version) finds them from there.
 */
const BUNDLED_PACKAGES = new Set([
  'typebox',
  'fastify',
  'fastify-plugin',
  '@fastify/websocket',
  '@fastify/static',
  'find-my-way',
  'ws',
  'pino',
  'pino-pretty',
  'clipanion',
  'typanion',
  'semver',
  'json5',
  'chokidar',
  'croner',
  'ipaddr.js',
  'picomatch',
]);

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const dist = path.join(repo, 'dist');
const out = path.join(dist, 'bundle');

async function main(): Promise<void> {
  const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
  };
  const external = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })
    .filter((name) => !BUNDLED_PACKAGES.has(name))
    .flatMap((name) => [name, `${name}/*`]);
  fs.rmSync(out, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: repo,
    entryPoints: {
      moltbot: path.join(dist, 'bin/moltbot.js'),
      sdk: path.join(dist, 'sdk/index.js'),
      'sdk-resolve-hook': path.join(dist, 'kernel/host/sdk-resolve-hook.js'),
    },
    outdir: out,
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // ws's optional native speed-ups: absent here, required inside a try.
    external: [...external, 'moltbot-gateway/*', 'bufferutil', 'utf-8-validate'],
    // Bundled CommonJS calls require() for Node's modules: ESM has none, so each file gets one.
    banner: {
      js:
        "import { createRequire as __gatewayRequire } from 'node:module'; " +
        'const require = __gatewayRequire(import.meta.url);',
    },
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const typebox = inputs.filter((f) => f.includes('node_modules/typebox/')).length;
  const chunks = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js')).length;
  process.stdout.write(`gateway bundle: ${inputs.length} modules (${typebox} TypeBox) in ${chunks} files\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bundle-gateway: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
