import type { ServiceSpec } from './service-spec.js';
/** The launchd property list: KeepAlive restarts it, RunAtLoad starts it at login (or boot for a daemon). */
export declare function renderLaunchdPlist(spec: ServiceSpec): string;
