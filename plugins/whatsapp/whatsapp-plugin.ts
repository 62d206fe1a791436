import { type AddressCheck, definePlugin } from '../../sdk/index.js';
import { whatsappConfigSchema } from './config-schema.js';
import { startWhatsApp } from './start-whatsapp.js';
import type { WhatsAppSocketFactory } from './whatsapp-socket.js';

export interface WhatsAppPluginOptions {
  /** Which addresses media URLs may not be fetched from (default: all but public ones); tests serve on loopback. */
  blockedAddress?: AddressCheck;
}

/**
 * The plugin over a socket factory: index.ts passes Baileys' real `makeWASocket`; tests pass a
 * scripted socket (WhatsApp's servers are out of reach).
 */
export function whatsappPlugin(factory: WhatsAppSocketFactory, options: WhatsAppPluginOptions = {}) {
  return definePlugin({
    id: 'whatsapp',
    version: '1.0.0',
    sdk: '^1.0.0',
    configKey: 'channels.whatsapp',
    configSchema: whatsappConfigSchema,
    dependsOn: ['router'],
    description: 'WhatsApp channel (Baileys, linked device).',
    register: (_app, ctx) => startWhatsApp(ctx, factory, options),
  });
}
