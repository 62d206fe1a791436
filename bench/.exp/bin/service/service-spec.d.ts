import type { GatewayPaths } from '../../kernel/paths.js';
export type ServicePlatform = 'linux' | 'darwin';
/** Everything a service definition needs, independent of the service manager's syntax. */
export interface ServiceSpec {
    platform: ServicePlatform;
    /** A system-wide unit/daemon (runs as `user`) instead of the user's own. */
    system: boolean;
    profile: string | undefined;
    /** systemd unit name or launchd label. */
    name: string;
    /** Where the unit/plist lives. */
    file: string;
    user: string;
    home: string;
    /** node + the CLI + `gateway` + profile flags. */
    programArguments: string[];
    environment: Record<string, string>;
    workingDirectory: string;
    logFile: string;
    description: string;
}
/** Test and cross-platform override: `MOLTBOT_SERVICE_PLATFORM=linux|darwin`. */
export declare function servicePlatform(env: NodeJS.ProcessEnv): ServicePlatform;
export interface ServiceSpecInput {
    paths: GatewayPaths;
    env: NodeJS.ProcessEnv;
    system?: boolean;
    user?: string;
    port?: number;
}
export declare function buildServiceSpec(input: ServiceSpecInput): ServiceSpec;
