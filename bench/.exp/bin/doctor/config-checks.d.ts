import type { DoctorContext, Finding } from './finding.js';
/** Config file present, parses, validates against the kernel and plugin schemas. */
export declare function checkConfigFile(ctx: DoctorContext): Promise<Finding[]>;
/** Token strength, a non-loopback bind without auth, the hooks token reused as the gateway token. */
export declare function checkAuth(ctx: DoctorContext): Finding[];
