/**
 * The config schema as one tree: the kernel's part with every plugin's part grafted in at its
 * config keys (`channels.telegram`, `gateway.controlUi`…), so the form shows each key once,
 * where it lives in moltbot.json.
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  required?: string[];
}

export interface SchemaPart {
  id: string;
  keys: string[];
  schema: JsonSchema;
  loaded: boolean;
}

/** The placeholder config.get puts where a secret is; sending it back keeps the stored value. */
export const REDACTED = '__MOLTBOT_REDACTED__';

export function combinedSchema(kernel: JsonSchema, parts: readonly SchemaPart[]): JsonSchema {
  const root: JsonSchema = structuredClone(kernel);
  for (const part of parts) {
    if (part.keys.length === 1) graft(root, part.keys[0]!.split('.'), part.schema);
    else for (const key of part.keys) graft(root, key.split('.'), part.schema.properties?.[key] ?? {});
  }
  return root;
}

function graft(root: JsonSchema, path: string[], schema: JsonSchema): void {
  let node = root;
  for (const seg of path.slice(0, -1)) {
    node.properties ??= {};
    node.properties[seg] ??= { type: 'object', properties: {} };
    node = node.properties[seg]!;
  }
  const last = path[path.length - 1]!;
  node.properties ??= {};
  const existing = node.properties[last];
  if (existing?.properties && schema.properties) {
    existing.properties = { ...existing.properties, ...schema.properties };
    existing.description ??= schema.description;
  } else node.properties[last] = schema;
}

export type FieldKind = 'boolean' | 'number' | 'string' | 'enum' | 'string-list' | 'object' | 'json';

export function fieldKind(s: JsonSchema): FieldKind {
  if (s.anyOf?.length && s.anyOf.every((o) => o.const !== undefined)) return 'enum';
  if (s.enum) return 'enum';
  if (s.type === 'boolean') return 'boolean';
  if (s.type === 'integer' || s.type === 'number') return 'number';
  if (s.type === 'string') return 'string';
  if (s.type === 'array' && s.items?.type === 'string' && !s.items.anyOf) return 'string-list';
  if (s.type === 'object' && s.properties && Object.keys(s.properties).length > 0) return 'object';
  return 'json';
}

export function enumValues(s: JsonSchema): unknown[] {
  return s.enum ?? (s.anyOf ?? []).map((o) => o.const);
}

export function getAt(root: unknown, path: readonly string[]): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

/** A key that holds a secret (config.get redacts these). */
export function isSecretKey(key: string): boolean {
  return /(token|password|secret|apikey|privatekey|credential)$/i.test(key);
}

/**
 * An RFC 7396 merge patch from the form's edits (dotted path → new value; `undefined` removes
 * the key, sent as null).
 */
export function mergePatchOf(edits: ReadonlyMap<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [dotted, value] of edits) {
    const path = dotted.split('.');
    let node = patch;
    for (const seg of path.slice(0, -1)) {
      const next = node[seg];
      node = (typeof next === 'object' && next !== null ? next : (node[seg] = {})) as Record<string, unknown>;
    }
    node[path[path.length - 1]!] = value === undefined ? null : value;
  }
  return patch;
}

/** RFC 7396 applied to a copy: objects merge, null deletes, anything else replaces. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as object) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}
