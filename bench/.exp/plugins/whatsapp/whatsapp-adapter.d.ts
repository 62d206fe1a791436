import { type ChannelAdapter } from '../../sdk/index.js';
import type { WhatsAppAccount } from './whatsapp-account.js';
/** The channel adapter: one status entry per account; login/logout per account. */
export declare function whatsappAdapter(accounts: ReadonlyMap<string, WhatsAppAccount>): ChannelAdapter;
