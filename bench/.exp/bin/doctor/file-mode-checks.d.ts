import type { DoctorContext, Finding } from './finding.js';
/** Config and credentials 0600, state dirs 0700 (they hold tokens, sessions and WhatsApp keys). */
export declare function checkFileModes(ctx: DoctorContext): Finding[];
