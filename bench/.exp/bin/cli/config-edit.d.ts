import type { JsonObject } from '../../kernel/config/object-path.js';
import type { GatewayPaths } from '../../kernel/paths.js';
/**
 * Change the config file: read it, apply `mutate`, validate the whole result (kernel + plugin
 * schemas), and only then write it atomically (mode 0600). A refused edit changes nothing.
 * A running gateway sees the new file through its watcher; no call to it is needed.
 */
export declare function editConfigFile(paths: GatewayPaths, mutate: (current: JsonObject) => JsonObject): Promise<{
    before: JsonObject;
    after: JsonObject;
    warnings: string[];
}>;
export declare function assertValid(config: JsonObject, configPath: string): Promise<void>;
/**
 * A value typed on the command line: JSON5 when it parses (`18800`, `true`, `{a:1}`, `"x"`),
 * otherwise the text itself, so `config set gateway.bind lan` needs no quotes.
 */
export declare function parseCliValue(raw: string, forceString: boolean): unknown;
