import type { PluginContext } from '../../sdk/index.js';
import type { WhatsAppConfig } from './config-schema.js';
import type { WhatsAppSocketFactory } from './whatsapp-socket.js';
/** One generation of the whatsapp plugin: the host lock, one supervisor per account, the adapter. */
export declare function startWhatsApp(ctx: PluginContext<WhatsAppConfig>, factory: WhatsAppSocketFactory): void;
