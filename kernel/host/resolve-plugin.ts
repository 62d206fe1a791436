import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isPluginDefinition, type PluginDefinition } from '../../sdk/define-plugin.js';
import { kernelError } from '../errors.js';
import { registerSdkResolver } from './register-sdk-resolver.js';

/** A first-party plugin the gateway ships (bin/ composes the catalog; the kernel never imports plugins/). */
export interface BuiltinPlugin {
  id: string;
  /** The config paths it owns (its configKey), known without importing it. */
  configKeys: readonly string[];
  load(): Promise<PluginDefinition>;
  /** Whether it runs when `plugins.entries.<id>.enabled` is unset, from its usual config keys. */
  enabledByDefault(root: Record<string, unknown>): boolean;
}

/**
 * Import a third-party plugin from a path (file or package folder) or an installed package name.
 * The URL carries the generation so each reload imports the code afresh (Node's ESM cache
 * cannot be cleared); the module's default export must be a `definePlugin(...)` value.
 */
export async function importPlugin(from: string, baseDir: string, generation: number): Promise<PluginDefinition> {
  const file = resolveEntryFile(from, baseDir);
  registerSdkResolver();
  let mod: { default?: unknown };
  try {
    mod = (await import(`${pathToFileURL(file).href}?generation=${generation}`)) as { default?: unknown };
  } catch (err) {
    throw kernelError(
      'GW_ERR_PLUGIN_RESOLVE',
      `could not import plugin from ${from} (${file}): ${(err as Error).message}`,
      { cause: err },
    );
  }
  const def = mod.default;
  if (!isPluginDefinition(def)) {
    throw kernelError(
      'GW_ERR_PLUGIN_RESOLVE',
      `${file} does not export a plugin: its default export must be definePlugin({...}) from moltbot-gateway/sdk`,
    );
  }
  return def;
}

export function resolveEntryFile(from: string, baseDir: string): string {
  const looksLikePath =
    from.startsWith('.') || from.startsWith('/') || from.startsWith('~') || /^[A-Za-z]:[\\/]/.test(from);
  if (looksLikePath) {
    const abs = path.resolve(baseDir, from.startsWith('~') ? from.replace(/^~/, process.env.HOME ?? '') : from);
    if (!fs.existsSync(abs))
      throw kernelError('GW_ERR_PLUGIN_RESOLVE', `plugin path ${abs} does not exist (plugins.entries.<id>.from)`);
    return fs.statSync(abs).isDirectory() ? packageEntry(abs) : abs;
  }
  for (const dir of searchDirs(baseDir)) {
    const pkgDir = path.join(dir, 'node_modules', from);
    if (fs.existsSync(path.join(pkgDir, 'package.json'))) return packageEntry(pkgDir);
  }
  throw kernelError(
    'GW_ERR_PLUGIN_RESOLVE',
    `plugin package "${from}" is not installed (looked in node_modules above ${baseDir} and ${process.cwd()}); run ` +
      `npm install ${from}`,
  );
}

function packageEntry(dir: string): string {
  const pkgFile = path.join(dir, 'package.json');
  if (!fs.existsSync(pkgFile)) {
    const index = path.join(dir, 'index.js');
    if (fs.existsSync(index)) return index;
    throw kernelError('GW_ERR_PLUGIN_RESOLVE', `${dir} has neither package.json nor index.js`);
  }
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { main?: string; exports?: unknown };
  const entry = exportEntry(pkg.exports) ?? pkg.main ?? 'index.js';
  const file = path.resolve(dir, entry);
  if (!fs.existsSync(file))
    throw kernelError('GW_ERR_PLUGIN_RESOLVE', `${dir}: entry ${entry} does not exist (is the plugin built?)`);
  return file;
}

function exportEntry(exports: unknown): string | undefined {
  if (typeof exports === 'string') return exports;
  if (!exports || typeof exports !== 'object') return undefined;
  const root = (exports as Record<string, unknown>)['.'] ?? exports;
  if (typeof root === 'string') return root;
  if (root && typeof root === 'object') {
    const r = root as Record<string, unknown>;
    for (const k of ['import', 'default', 'node']) if (typeof r[k] === 'string') return r[k] as string;
  }
  return undefined;
}

function searchDirs(baseDir: string): string[] {
  const out: string[] = [];
  for (const start of [baseDir, process.cwd()]) {
    let dir = path.resolve(start);
    for (;;) {
      out.push(dir);
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return [...new Set(out)];
}
