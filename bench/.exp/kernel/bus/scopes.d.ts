import type { Scope } from '../../sdk/context.js';
export declare const OPERATOR_SCOPES: readonly Scope[];
/** `operator.admin` holds every operator scope; `operator.write` holds `operator.read`. */
export declare function hasScope(held: readonly Scope[], needed: Scope): boolean;
export declare function isScope(s: string): s is Scope;
