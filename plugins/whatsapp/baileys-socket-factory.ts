import { ensurePrivateDir, securePrivateFiles } from './credentials-dir.js';
import type { WhatsAppSocket, WhatsAppSocketFactory } from './whatsapp-socket.js';

/**
 * The production socket: Baileys' `makeWASocket` over its multi-file auth state in the
 * account's credentials folder. Every write to that folder is followed by a chmod to 0600.
 * Baileys is imported lazily: a gateway without WhatsApp never loads it.
 */
export const baileysSocketFactory: WhatsAppSocketFactory = async ({ authDir, logger }) => {
  const baileys = await import('@whiskeysockets/baileys');
  const makeWASocket = baileys.makeWASocket;
  ensurePrivateDir(authDir);
  const { state, saveCreds } = await baileys.useMultiFileAuthState(authDir);
  securePrivateFiles(authDir);
  const setKeys = state.keys.set.bind(state.keys);
  state.keys.set = async (data) => {
    await setKeys(data);
    securePrivateFiles(authDir);
  };
  const sock = makeWASocket({
    auth: state,
    logger: logger.child({ component: 'baileys' }, { level: 'warn' }) as never,
    printQRInTerminal: false,
    browser: baileys.Browsers.ubuntu('Moltbot'),
    markOnlineOnConnect: false,
    syncFullHistory: false,
  });
  sock.ev.on('creds.update', async () => {
    await saveCreds();
    securePrivateFiles(authDir);
  });
  const socket = sock as unknown as WhatsAppSocket;
  socket.downloadMedia = async (message) =>
    (await baileys.downloadMediaMessage(
      message as never,
      'buffer',
      {},
      {
        logger: logger.child({ component: 'baileys-media' }, { level: 'warn' }) as never,
        reuploadRequest: sock.updateMediaMessage,
      },
    )) as Buffer;
  return socket;
};
