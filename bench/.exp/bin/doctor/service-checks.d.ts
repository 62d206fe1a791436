import type { DoctorContext, Finding } from './finding.js';
/** An installed service must match this CLI (node path, CLI path, version, profile). */
export declare function checkService(ctx: DoctorContext): Finding[];
