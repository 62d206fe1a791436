import type { WhatsAppSocketFactory } from './whatsapp-socket.js';
/**
 * The production socket: Baileys' `makeWASocket` over its multi-file auth state in the
 * account's credentials folder. Every write to that folder is followed by a chmod to 0600.
 * Baileys is imported lazily: a gateway without WhatsApp never loads it.
 */
export declare const baileysSocketFactory: WhatsAppSocketFactory;
