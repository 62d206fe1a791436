import type { DoctorContext, Finding } from './finding.js';
/** Each configured channel has what it needs to connect: a Telegram token, linked WhatsApp credentials. */
export declare function checkChannelCredentials(ctx: DoctorContext): Finding[];
