/** Dotted config paths (`channels.telegram.botToken`) over plain JSON objects. */
export type JsonObject = Record<string, unknown>;

export function isPlainObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function splitPath(dotted: string): string[] {
  if (dotted.trim() === '') return [];
  const parts = dotted.split('.');
  if (parts.some((p) => p === '')) throw new Error(`"${dotted}" is not a valid dotted path (empty segment)`);
  for (const p of parts) {
    if (p === '__proto__' || p === 'constructor' || p === 'prototype')
      throw new Error(`"${dotted}": segment "${p}" is not allowed`);
  }
  return parts;
}

export function getPath(obj: unknown, dotted: string | string[]): unknown {
  const parts = Array.isArray(dotted) ? dotted : splitPath(dotted);
  let cur: unknown = obj;
  for (const p of parts) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

/** Returns a new object with `value` at the path (parents created as objects). */
export function setPath(obj: JsonObject, dotted: string, value: unknown): JsonObject {
  const parts = splitPath(dotted);
  if (parts.length === 0) {
    if (!isPlainObject(value)) throw new Error('the root of the config must be an object');
    return structuredClone(value);
  }
  const root = structuredClone(obj);
  let cur: JsonObject = root;
  for (const p of parts.slice(0, -1)) {
    const next = cur[p];
    if (next === undefined) cur[p] = {};
    else if (!isPlainObject(next)) throw new Error(`cannot set "${dotted}": "${p}" is not an object`);
    cur = cur[p] as JsonObject;
  }
  cur[parts[parts.length - 1]!] = value;
  return root;
}

export function unsetPath(obj: JsonObject, dotted: string): JsonObject {
  const parts = splitPath(dotted);
  const root = structuredClone(obj);
  let cur: unknown = root;
  for (const p of parts.slice(0, -1)) {
    if (!isPlainObject(cur)) return root;
    cur = cur[p];
  }
  if (isPlainObject(cur)) delete cur[parts[parts.length - 1]!];
  return root;
}

/** RFC 7396 JSON merge patch: objects merge, `null` deletes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return structuredClone(patch);
  const out: JsonObject = isPlainObject(target) ? structuredClone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === '__proto__' || k === 'constructor') continue;
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Every leaf path whose value differs between a and b (objects are walked, arrays compared whole). */
export function diffPaths(a: unknown, b: unknown, prefix = ''): string[] {
  // A subtree that appears or disappears is walked too, so owners see their own leaf paths.
  if (
    (isPlainObject(a) || a === undefined) &&
    (isPlainObject(b) || b === undefined) &&
    (a !== undefined || b !== undefined)
  ) {
    a ??= {};
    b ??= {};
    const ao = a as JsonObject;
    const bo = b as JsonObject;
    const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
    const out: string[] = [];
    for (const k of keys) out.push(...diffPaths(ao[k], bo[k], prefix ? `${prefix}.${k}` : k));
    if (out.length === 0 && prefix && (Object.keys(ao).length === 0) !== (Object.keys(bo).length === 0))
      out.push(prefix);
    return out;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [prefix];
}

/** True when `path` is `prefix` or lies below it. */
export function isUnder(path: string, prefix: string): boolean {
  return prefix === '' || path === prefix || path.startsWith(`${prefix}.`) || prefix.startsWith(`${path}.`);
}
