import type { GatewayPaths } from '../../kernel/paths.js';
import { type RunResult } from './service-runner.js';
import { type ServiceSpec } from './service-spec.js';
export type ServiceAction = 'start' | 'stop' | 'restart';
export interface ServiceDescription {
    kind: 'systemd' | 'launchd' | 'none';
    name?: string;
    file?: string;
    installed: boolean;
    /** The installed file equals what `install` would write now (same node, CLI path, version, profile). */
    matches?: boolean;
}
export interface PlannedCommand {
    cmd: string;
    args: string[];
    /** A failure is fine (e.g. stopping a service that was not loaded). */
    mayFail?: boolean;
}
export declare function renderService(spec: ServiceSpec): string;
/**
 * The spec this CLI would install now for the installed file, keeping the choices made at install
 * time (`--port`, `--system --user`), so a comparison only flags real drift.
 */
export declare function expectedSpecFor(paths: GatewayPaths, env: NodeJS.ProcessEnv): ServiceSpec | undefined;
/** What is installed for this profile (user unit first, then a system one). */
export declare function describeService(paths: GatewayPaths, env: NodeJS.ProcessEnv): ServiceDescription;
export declare function installCommands(spec: ServiceSpec): PlannedCommand[];
export declare function uninstallCommands(spec: ServiceSpec): PlannedCommand[];
export declare function actionCommands(spec: ServiceSpec, action: ServiceAction): PlannedCommand[];
export declare function statusCommand(spec: ServiceSpec): PlannedCommand;
/** Run planned commands through the one runner; the first failure that matters throws. */
export declare function runPlanned(commands: readonly PlannedCommand[], env: NodeJS.ProcessEnv): RunResult[];
export declare function writeServiceFile(spec: ServiceSpec): void;
/** The spec of what is installed (user unit first, then system), or undefined. */
export declare function installedSpec(paths: GatewayPaths, env: NodeJS.ProcessEnv): ServiceSpec | undefined;
/** Parse `systemctl show` (Key=Value lines) or `launchctl print` (key = value lines). */
export declare function parseServiceState(spec: ServiceSpec, stdout: string): {
    active?: boolean;
    state?: string;
    pid?: number;
};
/** `loginctl enable-linger` keeps a user's services running after logout; tell the user when it is off. */
export declare function lingerHint(spec: ServiceSpec, env: NodeJS.ProcessEnv): string | undefined;
