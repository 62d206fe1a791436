import { type ConfigSnapshot } from '../../kernel/config/config-file.js';
import type { GatewayPaths } from '../../kernel/paths.js';
/**
 * What this machine knows about a profile without asking the gateway: the config file (or
 * why it cannot be read), the port and bind it would use, and the secret a client should send.
 */
export interface LocalProfile {
    paths: GatewayPaths;
    snapshot?: ConfigSnapshot;
    /** Why the config could not be read (parse error), if so. */
    readError?: string;
    config: Record<string, unknown>;
    port: number;
    portSource: 'env' | 'config' | 'default';
    bind: string;
    authMode: 'token' | 'password';
    token?: string;
    password?: string;
}
export declare function readLocalProfile(paths: GatewayPaths, env?: NodeJS.ProcessEnv): LocalProfile;
/** The host a local client dials for a bind setting: loopback for wildcard binds, the address itself otherwise. */
export declare function dialHost(bind: string): string;
