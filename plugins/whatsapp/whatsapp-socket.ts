import type { Logger } from 'pino';

/**
 * The part of Baileys' socket the plugin uses. The production factory returns the real
 * `makeWASocket(...)`; tests inject a scripted socket with the same events and calls — the
 * one place where an outside service is faked below its wire format (WhatsApp is unreachable).
 */
export interface WhatsAppSocket {
  ev: {
    on(event: string, listener: (payload: any) => void): unknown;
    off(event: string, listener: (payload: any) => void): unknown;
  };
  user?: { id: string; name?: string } | undefined;
  sendMessage(
    jid: string,
    content: Record<string, unknown>,
    options?: Record<string, unknown>,
  ): Promise<{ key?: { id?: string | null } } | undefined>;
  sendPresenceUpdate(type: 'composing' | 'paused' | 'available' | 'unavailable', jid?: string): Promise<void>;
  readMessages(keys: unknown[]): Promise<void>;
  logout(msg?: string): Promise<void>;
  end(error: Error | undefined): void;
  /** The decrypted bytes of a message's attachment (Baileys' `downloadMediaMessage`). */
  downloadMedia?(message: unknown, signal: AbortSignal): Promise<Buffer>;
}

export interface SocketFactoryOptions {
  accountId: string;
  /** The account's multi-file auth state folder (0700; files 0600). */
  authDir: string;
  logger: Logger;
}

export type WhatsAppSocketFactory = (options: SocketFactoryOptions) => Promise<WhatsAppSocket>;
