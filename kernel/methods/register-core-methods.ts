import type { MethodRegistry } from '../bus/method-registry.js';
import { registerConfigMethods } from './config-methods.js';
import type { CoreMethodDeps } from './core-method-deps.js';
import { registerGatewayMethods } from './gateway-methods.js';
import { registerLogsTail } from './logs-tail.js';
import { registerSystemMethods } from './system-methods.js';

/** The kernel's own methods (owner `kernel`). */
export function registerCoreMethods(methods: MethodRegistry, deps: CoreMethodDeps): void {
  registerSystemMethods(methods, deps);
  registerLogsTail(methods, deps);
  registerConfigMethods(methods, deps);
  registerGatewayMethods(methods, deps);
}
