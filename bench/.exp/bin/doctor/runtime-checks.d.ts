import type { DoctorContext, Finding } from './finding.js';
/** The gateway port: free, held by our gateway, or held by something else. */
export declare function checkPort(ctx: DoctorContext): Promise<Finding[]>;
/** Lock and pid files (`*.lock`, `*.pid`) in the state dir whose owner process is gone. */
export declare function checkStaleLocks(ctx: DoctorContext): Finding[];
