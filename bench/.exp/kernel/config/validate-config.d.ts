import type { TSchema } from 'typebox';
import { isPlainObject, type JsonObject } from './object-path.js';
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
export declare function validateConfig(root: JsonObject, parts: readonly ConfigPart[]): ConfigValidation;
/** The value a plugin with these config keys sees: one key → that subtree, several → an object keyed by them. */
export declare function selectConfig(root: JsonObject, keys: readonly string[]): unknown;
export declare function formatIssues(issues: readonly ConfigIssue[]): string;
export { isPlainObject };
