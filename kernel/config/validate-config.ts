import type { TSchema } from 'typebox';
import { compileSchema, pointerToDotted } from '../schema/compiled.js';
import { KERNEL_KEYS, KernelConfigSchema, TOLERATED_KEYS } from './kernel-schema.js';
import { getPath, type JsonObject } from './object-path.js';

export interface ConfigIssue {
  severity: 'error' | 'warning';
  /** Dotted path of the failing value. */
  path: string;
  message: string;
  /** Which part rejected it: `kernel` or a plugin id. */
  owner: string;
}

/** A plugin's claim on part of the config. */
export interface ConfigPart {
  owner: string;
  /** Dotted config paths this owner reads (its `configKey`). */
  keys: readonly string[];
  schema: TSchema;
  /** Build the value the schema checks from the root config. */
  select(root: JsonObject): unknown;
}

export interface ConfigValidation {
  ok: boolean;
  issues: ConfigIssue[];
}

export function validateConfig(root: JsonObject, parts: readonly ConfigPart[]): ConfigValidation {
  const issues: ConfigIssue[] = [];
  const kernel = compileSchema(KernelConfigSchema);
  for (const p of kernel.problems(root, 10)) {
    issues.push({ severity: 'error', path: pointerToDotted(p.pointer), message: p.message, owner: 'kernel' });
  }
  for (const part of parts) {
    const value = part.select(root);
    const compiled = compileSchema(part.schema);
    const prefix = part.keys.length === 1 ? part.keys[0]! : '';
    for (const p of compiled.problems(value, 10)) {
      issues.push({
        severity: 'error',
        path: pointerToDotted(p.pointer, prefix),
        message: p.message,
        owner: part.owner,
      });
    }
  }
  const owned = new Set<string>([
    ...KERNEL_KEYS,
    ...TOLERATED_KEYS,
    ...parts.flatMap((p) => p.keys.map((k) => k.split('.')[0]!)),
  ]);
  for (const key of Object.keys(root)) {
    if (!owned.has(key)) {
      issues.push({
        severity: 'warning',
        path: key,
        message: 'no loaded plugin reads this key; it is ignored',
        owner: 'kernel',
      });
    }
  }
  return { ok: !issues.some((i) => i.severity === 'error'), issues };
}

/** The value a plugin with these config keys sees: one key → that subtree, several → an object keyed by them. */
export function selectConfig(root: JsonObject, keys: readonly string[]): unknown {
  if (keys.length === 1) return getPath(root, keys[0]!) ?? {};
  const out: JsonObject = {};
  for (const k of keys) {
    const v = getPath(root, k);
    out[k] = v === undefined ? {} : v;
  }
  return out;
}

export function formatIssues(issues: readonly ConfigIssue[]): string {
  return issues
    .filter((i) => i.severity === 'error')
    .map((i) => `${i.path}: ${i.message}${i.owner !== 'kernel' ? ` (plugin ${i.owner})` : ''}`)
    .join('; ');
}
