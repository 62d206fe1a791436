import { baileysSocketFactory } from './baileys-socket-factory.js';
import { whatsappPlugin } from './whatsapp-plugin.js';
/** `whatsapp`: WhatsApp through Baileys as a linked device, one supervisor per account. */
export default whatsappPlugin(baileysSocketFactory);
//# sourceMappingURL=index.js.map