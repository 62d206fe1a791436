/** What a channel can do; the router adapts replies to it. */
export interface ChannelCapabilities {
  /** Longest text one message may carry; longer replies are split. */
  textLimit: number;
  media: boolean;
  groups: boolean;
  typing: boolean;
  reactions: boolean;
}

/**
 * Where one channel account is, as `channels.status` and `health.channels` show it:
 * - starting: `connecting`, `qr` (waiting for a scan), `retrying` (after a drop, with back-off);
 * - linked: `running`;
 * - not linked: `not-linked` (not paired yet), `not-configured` (no token), `logged-out`,
 *   `token-invalid`, `replaced` (another session took over);
 * - broken: `config-error`, `failed` (gave up), `locked` (another process holds the account);
 * - off: `stopped`, `disabled`.
 * Clients switch on these strings; a channel that needs another one adds it here (a new SDK minor).
 */
export type ChannelAccountState =
  | 'connecting'
  | 'qr'
  | 'retrying'
  | 'running'
  | 'not-linked'
  | 'not-configured'
  | 'logged-out'
  | 'token-invalid'
  | 'replaced'
  | 'config-error'
  | 'failed'
  | 'locked'
  | 'stopped'
  | 'disabled';

export interface ChannelAccountStatus {
  accountId: string;
  /** Credentials present and the link is up (or usable). */
  linked: boolean;
  state: ChannelAccountState;
  /** Who we are on the platform (bot username, phone number). */
  identity?: string;
  lastInboundAt?: number;
  lastOutboundAt?: number;
  lastError?: string;
  /** How to fix `lastError`, for status screens. */
  hint?: string;
}

export interface ChannelStatus {
  linked: boolean;
  accounts: ChannelAccountStatus[];
}

export interface OutboundMessage {
  accountId: string;
  /** Chat id on the platform. */
  to: string;
  text?: string;
  mediaUrls?: string[];
  /** Thread / reply target on the platform. */
  replyTo?: string;
  threadId?: string;
}

export interface SendResult {
  /** The platform's id of the delivered message. */
  platformMessageId?: string;
}

/** An inbound message as a channel hands it to the router. */
export interface InboundMessage {
  channel: string;
  accountId: string;
  /** Platform message id; with channel+account it dedupes replays. */
  messageId: string;
  chatId: string;
  chatType: 'direct' | 'group';
  senderId: string;
  senderName?: string;
  senderUsername?: string;
  text: string;
  /** The bot was mentioned or replied to (groups). */
  mentioned?: boolean;
  threadId?: string;
  /** Attachments the channel saved (under `<state>/media/inbound`, files 0600). */
  mediaPaths?: string[];
  /**
   * Attachments the channel refused (too big, download failed), one line each naming the file and
   * the cause. An allowed sender is told them at once; the model sees them as notes.
   */
  mediaErrors?: string[];
  ts: number;
}

export interface ChannelAdapter {
  id: string;
  label: string;
  capabilities: ChannelCapabilities;
  status(): ChannelStatus;
  /** Deliver one message; throw a `ChannelSendError` to say whether a retry can help. */
  send(message: OutboundMessage, signal: AbortSignal): Promise<SendResult>;
  /** Show a typing indicator in a chat (best effort). */
  typing?(accountId: string, chatId: string): Promise<void>;
  login?(accountId: string, onQr: (qr: string) => void, signal: AbortSignal): Promise<void>;
  logout?(accountId: string): Promise<void>;
}

/** Thrown by `send`: `permanent` errors go to the dead-letter list at once. */
export class ChannelSendError extends Error {
  readonly permanent: boolean;
  readonly retryAfterMs?: number;
  constructor(message: string, options: { permanent: boolean; retryAfterMs?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'ChannelSendError';
    this.permanent = options.permanent;
    this.retryAfterMs = options.retryAfterMs;
  }
}
