import type { PluginAction } from '../host/plugin-host.js';
export type ReloadMode = 'hybrid' | 'hot' | 'restart' | 'off';
/** Paths whose change needs a full in-process restart (the socket and auth belong to the kernel). */
export declare const RESTART_PATHS: readonly ["gateway.port", "gateway.bind", "gateway.auth", "gateway.tls"];
export interface ReloadPlan {
    changed: string[];
    /** A full in-process restart is needed (and allowed by the mode). */
    restart: boolean;
    /** Changed paths that need a restart the mode did not allow (`hot`): reported, not applied. */
    restartDeferred: string[];
    /** Kernel settings applied live (gateway.reload, gateway.allowedHosts, logging …). */
    kernel: string[];
    plugins: Map<string, PluginAction>;
}
export interface PlanInputs {
    mode: ReloadMode;
    changed: string[];
    /** Plugin ids → enabled, before and after. */
    before: Map<string, boolean>;
    after: Map<string, boolean>;
    keysOf(id: string): string[];
}
/** Diff → plan: which owner each changed path belongs to, and what that owner must do. */
export declare function planReload(inputs: PlanInputs): ReloadPlan;
