import type { ServiceSpec } from './service-spec.js';
/**
 * The systemd unit. `Restart=always` brings the gateway back after a crash; `ExecReload`
 * sends SIGUSR1, the gateway's in-process restart. No secret goes in the unit: the gateway
 * reads its token from the config file (mode 0600).
 */
export declare function renderSystemdUnit(spec: ServiceSpec): string;
