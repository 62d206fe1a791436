import { registerConfigMethods } from './config-methods.js';
import { registerGatewayMethods } from './gateway-methods.js';
import { registerLogsTail } from './logs-tail.js';
import { registerSystemMethods } from './system-methods.js';
/** The kernel's own methods (owner `kernel`). */
export function registerCoreMethods(methods, deps) {
    registerSystemMethods(methods, deps);
    registerLogsTail(methods, deps);
    registerConfigMethods(methods, deps);
    registerGatewayMethods(methods, deps);
}
//# sourceMappingURL=register-core-methods.js.map