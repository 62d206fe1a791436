import { type JsonObject } from '../../kernel/config/object-path.js';
import type { ConfigIssue } from '../../kernel/config/validate-config.js';
/**
 * Validate a whole config the way the gateway would: the kernel's part plus the part of every
 * plugin the config enables (first-party from the catalog, third-party from `from`). A plugin
 * that cannot be loaded is a warning here: the gateway would report it and keep running.
 */
export declare function checkConfig(root: JsonObject, configPath: string): Promise<{
    ok: boolean;
    issues: ConfigIssue[];
}>;
export declare function describeIssue(i: ConfigIssue): string;
