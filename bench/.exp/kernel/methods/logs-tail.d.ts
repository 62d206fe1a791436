import type { MethodRegistry } from '../bus/method-registry.js';
import type { CoreMethodDeps } from './core-method-deps.js';
export interface LogsTailResult {
    file: string;
    /** Pass back as `cursor` to get what was written since. */
    cursor: number;
    size: number;
    lines: string[];
    truncated: boolean;
    /** The file was rotated or truncated since the cursor: reading restarted at 0. */
    reset: boolean;
}
/** Read the end of the log file, or what follows `cursor` (Moltbot `logs.tail`). */
export declare function tailLogFile(file: string, options: {
    cursor?: number;
    limit: number;
    maxBytes: number;
}): LogsTailResult;
export declare function registerLogsTail(methods: MethodRegistry, deps: CoreMethodDeps): void;
