import type { MethodRegistry } from '../bus/method-registry.js';
import type { CoreMethodDeps } from './core-method-deps.js';
/** The kernel's own methods (owner `kernel`). */
export declare function registerCoreMethods(methods: MethodRegistry, deps: CoreMethodDeps): void;
