import type { MethodRegistry } from '../bus/method-registry.js';
import type { CoreMethodDeps } from './core-method-deps.js';
/**
 * config.get / schema / set / patch / apply. Writes are validated (kernel + the plugins the
 * config enables) before an atomic 0600 write; a refused write changes nothing.
 */
export declare function registerConfigMethods(methods: MethodRegistry, deps: CoreMethodDeps): void;
