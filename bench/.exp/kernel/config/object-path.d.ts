/** Dotted config paths (`channels.telegram.botToken`) over plain JSON objects. */
export type JsonObject = Record<string, unknown>;
export declare function isPlainObject(v: unknown): v is JsonObject;
export declare function splitPath(dotted: string): string[];
export declare function getPath(obj: unknown, dotted: string | string[]): unknown;
/** Returns a new object with `value` at the path (parents created as objects). */
export declare function setPath(obj: JsonObject, dotted: string, value: unknown): JsonObject;
export declare function unsetPath(obj: JsonObject, dotted: string): JsonObject;
/** RFC 7396 JSON merge patch: objects merge, `null` deletes, anything else replaces. */
export declare function mergePatch(target: unknown, patch: unknown): unknown;
/** Every leaf path whose value differs between a and b (objects are walked, arrays compared whole). */
export declare function diffPaths(a: unknown, b: unknown, prefix?: string): string[];
/** True when `path` is `prefix` or lies below it. */
export declare function isUnder(path: string, prefix: string): boolean;
