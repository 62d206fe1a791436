import type { MethodRegistry } from '../bus/method-registry.js';
import type { CoreMethodDeps } from './core-method-deps.js';
export declare function registerGatewayMethods(methods: MethodRegistry, deps: CoreMethodDeps): void;
