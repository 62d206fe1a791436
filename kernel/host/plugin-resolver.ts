import semver from 'semver';
import { Value } from 'typebox/value';
import type { PluginDefinition } from '../../sdk/define-plugin.js';
import { SDK_VERSION } from '../../sdk/version.js';
import type { PluginEntry } from '../config/kernel-schema.js';
import { getPath, type JsonObject } from '../config/object-path.js';
import { selectConfig } from '../config/validate-config.js';
import { kernelError } from '../errors.js';
import { compileSchema, describeProblems } from '../schema/compiled.js';
import { type BuiltinPlugin, importPlugin } from './resolve-plugin.js';

/** What the config wants of one plugin. */
export interface DesiredPlugin {
  enabled: boolean;
  entry?: PluginEntry;
  builtin?: BuiltinPlugin;
}

/** A plugin ready to be built: its definition, its config checked and defaulted. */
export interface PreparedPlugin {
  id: string;
  def: PluginDefinition;
  config: unknown;
}

/** Which plugins the config wants running: every first-party one, then each `plugins.entries` key. */
export function desiredPlugins(builtins: readonly BuiltinPlugin[], root: JsonObject): Map<string, DesiredPlugin> {
  const entries = (getPath(root, 'plugins.entries') ?? {}) as Record<string, PluginEntry>;
  const out = new Map<string, DesiredPlugin>();
  for (const b of builtins) {
    const entry = entries[b.id];
    out.set(b.id, { enabled: entry?.enabled ?? b.enabledByDefault(root), entry, builtin: b });
  }
  for (const [id, entry] of Object.entries(entries)) {
    if (out.has(id)) continue;
    out.set(id, { enabled: entry.enabled ?? true, entry });
  }
  return out;
}

/** The dotted config paths a plugin owns (its `configKey`, or `plugins.entries.<id>.config`). */
export function configKeys(def: PluginDefinition): string[] {
  if (def.configKey === undefined) return [`plugins.entries.${def.id}.config`];
  return typeof def.configKey === 'string' ? [def.configKey] : [...def.configKey];
}

export interface ResolveOptions {
  /** The definition loaded before (first-party plugins are imported once per process). */
  loaded?: PluginDefinition;
  /** The generation the import is for (a third-party module is imported afresh per generation). */
  generation: number;
  /** Folder that relative `from` paths resolve against (the config file's folder). */
  baseDir: string;
}

/**
 * Find a plugin, check it against the config (its id, version range, SDK range) and validate
 * its config subtree with the schema's defaults applied. Throws a GatewayError naming what is
 * wrong; touches nothing that is running.
 */
export async function resolvePlugin(
  id: string,
  want: DesiredPlugin | undefined,
  root: JsonObject,
  options: ResolveOptions,
): Promise<PreparedPlugin> {
  if (!want)
    throw kernelError('GW_ERR_PLUGIN_RESOLVE', `no plugin "${id}" is declared (add plugins.entries.${id} with "from")`);
  let def: PluginDefinition;
  if (want.builtin) {
    def = options.loaded ?? (await want.builtin.load());
  } else {
    if (!want.entry?.from)
      throw kernelError(
        'GW_ERR_PLUGIN_RESOLVE',
        `plugins.entries.${id}: unknown plugin id; set "from" to a path or package name`,
      );
    def = await importPlugin(want.entry.from, options.baseDir, options.generation);
  }
  if (def.id !== id)
    throw kernelError(
      'GW_ERR_PLUGIN_RESOLVE',
      `plugins.entries.${id}: the module declares id "${def.id}"; the key must match the plugin's id`,
    );
  checkVersions(def, want.entry?.version);
  return { id, def, config: validPluginConfig(def, root) };
}

function checkVersions(def: PluginDefinition, range: string | undefined): void {
  const id = def.id;
  if (!semver.valid(def.version))
    throw kernelError('GW_ERR_PLUGIN_VERSION', `plugin ${id}: version "${def.version}" is not valid semver`);
  if (range && !semver.satisfies(def.version, range, { includePrerelease: true })) {
    throw kernelError(
      'GW_ERR_PLUGIN_VERSION',
      `plugin ${id} is version ${def.version}, which does not satisfy plugins.entries.${id}.version "${range}"`,
      { details: { plugin: id, version: def.version, required: range } },
    );
  }
  if (!semver.validRange(def.sdk) || !semver.satisfies(SDK_VERSION, def.sdk, { includePrerelease: true })) {
    throw kernelError(
      'GW_ERR_PLUGIN_SDK',
      `plugin ${id} was written for SDK ${def.sdk}; this gateway provides SDK ${SDK_VERSION}`,
      { details: { plugin: id, sdk: def.sdk, kernelSdk: SDK_VERSION } },
    );
  }
}

/** The plugin's config subtree, defaults applied, or GW_ERR_PLUGIN_CONFIG naming each problem. */
function validPluginConfig(def: PluginDefinition, root: JsonObject): unknown {
  const keys = configKeys(def);
  const config = Value.Default(def.configSchema, structuredClone(selectConfig(root, keys)));
  const compiled = compileSchema(def.configSchema);
  if (compiled.check(config)) return config;
  const prefix = keys.length === 1 ? keys[0] : '';
  throw kernelError(
    'GW_ERR_PLUGIN_CONFIG',
    `plugin ${def.id}: invalid config: ${describeProblems(compiled.problems(config), prefix)}`,
    { details: { plugin: def.id, problems: compiled.problems(config).map((p) => ({ ...p })) } },
  );
}
