import { definePlugin } from '../../sdk/index.js';
import { whatsappConfigSchema } from './config-schema.js';
import { startWhatsApp } from './start-whatsapp.js';
/**
 * The plugin over a socket factory: index.ts passes Baileys' real `makeWASocket`; tests pass a
 * scripted socket (WhatsApp's servers are out of reach).
 */
export function whatsappPlugin(factory) {
    return definePlugin({
        id: 'whatsapp',
        version: '1.0.0',
        sdk: '^1.0.0',
        configKey: 'channels.whatsapp',
        configSchema: whatsappConfigSchema,
        dependsOn: ['router'],
        description: 'WhatsApp channel (Baileys, linked device).',
        register: (_app, ctx) => startWhatsApp(ctx, factory),
    });
}
//# sourceMappingURL=whatsapp-plugin.js.map