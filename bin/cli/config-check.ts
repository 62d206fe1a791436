import path from 'node:path';
import type { PluginEntry } from '../../kernel/config/kernel-schema.js';
import { getPath, type JsonObject } from '../../kernel/config/object-path.js';
import type { ConfigIssue, ConfigPart } from '../../kernel/config/validate-config.js';
import type { PluginDefinition } from '../../sdk/define-plugin.js';

/**
 * Validate a whole config the way the gateway would: the kernel's part plus the part of every
 * plugin the config enables (first-party from the catalog, third-party from `from`). A plugin
 * that cannot be loaded is a warning here: the gateway would report it and keep running.
 */
export async function checkConfig(
  root: JsonObject,
  configPath: string,
): Promise<{ ok: boolean; issues: ConfigIssue[] }> {
  // Loaded on use: the schema compiler and the plugin host cost most of a CLI start-up.
  const [{ Value }, { selectConfig, validateConfig }, { configKeys }, { importPlugin }, { BUILTIN_PLUGINS }] =
    await Promise.all([
      import('typebox/value'),
      import('../../kernel/config/validate-config.js'),
      import('../../kernel/host/plugin-resolver.js'),
      import('../../kernel/host/resolve-plugin.js'),
      import('../../plugins/catalog.js'),
    ]);
  const parts: ConfigPart[] = [];
  const extra: ConfigIssue[] = [];
  const entries = (getPath(root, 'plugins.entries') ?? {}) as Record<string, PluginEntry>;
  const seen = new Set<string>();
  const add = (def: PluginDefinition) => {
    const keys = configKeys(def);
    // Defaults first, as the plugin host does: a missing optional block is valid.
    parts.push({
      owner: def.id,
      keys,
      schema: def.configSchema,
      select: (r) => Value.Default(def.configSchema, structuredClone(selectConfig(r, keys))),
    });
  };
  for (const b of BUILTIN_PLUGINS) {
    seen.add(b.id);
    const entry = entries[b.id];
    if (!(entry?.enabled ?? b.enabledByDefault(root))) continue;
    try {
      add(await b.load());
    } catch (err) {
      extra.push({
        severity: 'warning',
        path: `plugins.entries.${b.id}`,
        message: `plugin could not be loaded to check its config: ${(err as Error).message}`,
        owner: b.id,
      });
    }
  }
  let generation = 0;
  for (const [id, entry] of Object.entries(entries)) {
    if (seen.has(id) || entry?.enabled === false) continue;
    if (!entry?.from) {
      extra.push({
        severity: 'error',
        path: `plugins.entries.${id}`,
        message: `"${id}" is not a built-in plugin: add "from" (a path or package name)`,
        owner: 'kernel',
      });
      continue;
    }
    try {
      add(await importPlugin(entry.from, path.dirname(configPath), ++generation));
    } catch (err) {
      extra.push({
        severity: 'warning',
        path: `plugins.entries.${id}.from`,
        message: (err as Error).message,
        owner: id,
      });
    }
  }
  const result = validateConfig(root, parts);
  const issues = [...result.issues, ...extra];
  return { ok: !issues.some((i) => i.severity === 'error'), issues };
}

export function describeIssue(i: ConfigIssue): string {
  return `${i.path}: ${i.message}${i.owner !== 'kernel' ? ` (plugin ${i.owner})` : ''}`;
}
