import type { PluginHost } from './host/plugin-host.js';
import type { PluginRegistries } from './host/registries.js';
import type { ConfigErrorReport } from './config/config-controller.js';
export interface HealthInputs {
    host?: PluginHost;
    registries?: PluginRegistries;
    configError?: ConfigErrorReport;
    listening: boolean;
}
/**
 * The health snapshot (PROTOCOL.md `health`). `ok` is true when the gateway listens and every
 * enabled plugin is active; a failed plugin or a rejected config edit is listed with its reason.
 */
export declare function buildHealthSnapshot(inputs: HealthInputs): Record<string, unknown>;
