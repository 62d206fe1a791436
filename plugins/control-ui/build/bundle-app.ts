import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import * as esbuild from 'esbuild';
import type { AppManifest } from '../app-assets.js';

/**
 * `npm run build` step for the dashboard: bundle plugins/control-ui/app with esbuild into
 * dist/plugins/control-ui/app (content-hashed names), write the shell and its manifest, store a
 * gzip and a brotli copy of every text file beside it (served as-is, no compression per request),
 * and fail when the shell's JavaScript is over budget.
 */
const SHELL_JS_BUDGET_GZIP = 120 * 1024;

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../../..');
const source = path.join(repo, 'plugins/control-ui/app');
const out = path.join(repo, 'dist/plugins/control-ui/app');
const packageVersion = (JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { version: string })
  .version;

async function main(): Promise<void> {
  fs.rmSync(out, { recursive: true, force: true });
  const assetsDir = path.join(out, 'assets');
  fs.mkdirSync(assetsDir, { recursive: true });

  const result = await esbuild.build({
    absWorkingDir: repo,
    entryPoints: { app: path.join(source, 'main.ts') },
    outdir: assetsDir,
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome111', 'firefox115', 'safari16.4'],
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    metafile: true,
    tsconfig: path.join(source, 'tsconfig.json'),
    define: { 'process.env.NODE_ENV': '"production"', __APP_VERSION__: JSON.stringify(packageVersion) },
    logLevel: 'warning',
  });

  const outputs = result.metafile.outputs;
  const entryOut = Object.keys(outputs).find((f) => outputs[f]!.entryPoint?.endsWith('app/main.ts'));
  if (!entryOut) throw new Error('esbuild produced no entry bundle');
  const entry = path.relative(out, path.join(repo, entryOut));
  const css = outputs[entryOut]!.cssBundle ? path.relative(out, path.join(repo, outputs[entryOut]!.cssBundle!)) : '';

  // What the shell loads before it can render: the entry and the chunks it imports statically.
  const shellJs = new Set<string>([entryOut]);
  for (const f of shellJs)
    for (const imp of outputs[f]!.imports) if (imp.kind === 'import-statement') shellJs.add(imp.path);
  // Preload the entry's static chunks, so they are fetched beside it rather than after it.
  const preloads = [...shellJs]
    .filter((f) => f !== entryOut)
    .map((f) => `<link rel="modulepreload" href="%BASE%${path.relative(out, path.join(repo, f))}" />`)
    .join('\n    ');

  const favicon = copyHashed(path.join(source, 'favicon.svg'), assetsDir);
  const template = fs
    .readFileSync(path.join(source, 'index.html'), 'utf8')
    .replaceAll('%APP_JS%', `%BASE%${entry}`)
    .replaceAll('%APP_CSS%', `%BASE%${css}`)
    .replaceAll('%FAVICON%', `%BASE%assets/${favicon}`)
    .replaceAll('%MODULE_PRELOADS%', preloads);
  fs.writeFileSync(path.join(out, 'index.html'), template);

  const files: AppManifest['files'] = [];
  for (const file of walk(out)) {
    const rel = path.relative(out, file);
    if (rel === 'manifest.json') continue;
    const body = fs.readFileSync(file);
    const gzip = zlib.gzipSync(body, { level: 9 });
    const brotli = zlib.brotliCompressSync(body, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    });
    fs.writeFileSync(`${file}.gz`, gzip);
    fs.writeFileSync(`${file}.br`, brotli);
    files.push({ path: rel, bytes: body.length, gzip: gzip.length, brotli: brotli.length });
  }
  const shellJsGzip = files
    .filter((f) => shellJs.has(path.relative(repo, path.join(out, f.path))))
    .reduce((n, f) => n + f.gzip, 0);
  const manifest: AppManifest = { version: 1, shell: 'index.html', entry, files, shellJsGzip };
  fs.writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const js = files.filter((f) => f.path.endsWith('.js'));
  process.stdout.write(
    `control UI: ${js.length} script(s), shell JS ${kb(shellJsGzip)} gzip (budget ${kb(SHELL_JS_BUDGET_GZIP)}), ` +
      `all JS ${kb(js.reduce((n, f) => n + f.gzip, 0))} gzip\n`,
  );
  if (shellJsGzip > SHELL_JS_BUDGET_GZIP) {
    throw new Error(
      `the dashboard's shell JavaScript is ${kb(shellJsGzip)} gzipped, over its ${kb(SHELL_JS_BUDGET_GZIP)} budget: ` +
        'load the new code lazily (import()) or drop a dependency',
    );
  }
}

function copyHashed(file: string, dir: string): string {
  const body = fs.readFileSync(file);
  const ext = path.extname(file);
  const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 8).toUpperCase();
  const name = `${path.basename(file, ext)}-${hash}${ext}`;
  fs.writeFileSync(path.join(dir, name), body);
  return name;
}

function* walk(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else yield p;
  }
}

main().catch((err: Error) => {
  process.stderr.write(`control UI build failed: ${err.message}\n`);
  process.exit(1);
});
