/** A profile isolates state dir, config, workspace and ports (PROTOCOL.md "Files"). */
export interface ProfileOptions {
    dev?: boolean;
    profile?: string;
    env?: NodeJS.ProcessEnv;
    home?: string;
}
export interface GatewayPaths {
    profile: string | undefined;
    stateDir: string;
    configPath: string;
    logDir: string;
    logFile: string;
    workspaceDir: string;
    databasePath: string;
    credentialsDir: string;
    /** The port this profile uses when nothing else says (18789, dev 19001). */
    defaultPort: number;
}
export declare const DEFAULT_PORT = 18789;
export declare const DEV_PORT = 19001;
export declare function isValidProfileName(name: string): boolean;
export declare function resolvePaths(options?: ProfileOptions): GatewayPaths;
/** Ports derived from the base port B (PROTOCOL.md "Other ports"). */
export declare function derivedPorts(base: number): {
    gateway: number;
    browserControl: number;
    extensionRelay: number;
    canvasHost: number;
    cdpRangeStart: number;
};
