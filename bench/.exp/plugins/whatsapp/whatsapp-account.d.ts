import type { Logger } from 'pino';
import { type ChannelAccountStatus, type ChannelRouter, type OutboundMessage, type SendResult } from '../../sdk/index.js';
import type { WhatsAppAccountSettings } from './account-settings.js';
import type { WhatsAppSocketFactory } from './whatsapp-socket.js';
export interface WhatsAppAccountDeps {
    factory: WhatsAppSocketFactory;
    authDir: string;
    router: () => ChannelRouter | undefined;
    logger: Logger;
}
/**
 * One WhatsApp account, supervised on its own: the socket's `connection.update` drives the
 * state (QR → open → close), and each close reason decides what happens next (see
 * disconnect-policy.ts). Inbound messages are stored through the router before read receipts.
 */
export declare class WhatsAppAccount {
    readonly settings: WhatsAppAccountSettings;
    private readonly deps;
    private state;
    private sock?;
    private unbind?;
    private identity?;
    private lastQr?;
    private lastInboundAt?;
    private lastOutboundAt?;
    private lastError?;
    private hint?;
    private attempts;
    private restartUsed;
    private reconnectTimer?;
    private stopped;
    private readonly waiters;
    /** Recent inbound messages, so a group reply can quote the message that triggered it. */
    private readonly recent;
    private inboundChain;
    constructor(settings: WhatsAppAccountSettings, deps: WhatsAppAccountDeps);
    get accountId(): string;
    /** Connect when linked before; otherwise wait for `channels.login`. */
    start(): Promise<void>;
    /** Mark the account unusable because another gateway holds the host's WhatsApp lock. */
    lockedOut(message: string): void;
    status(): ChannelAccountStatus;
    login(onQr: (qr: string) => void, signal: AbortSignal): Promise<void>;
    logout(): Promise<void>;
    stop(): Promise<void>;
    send(message: OutboundMessage): Promise<SendResult>;
    typing(chatId: string): Promise<void>;
    private connect;
    private onConnectionUpdate;
    private scheduleReconnect;
    private onMessages;
    /** The router may be reloading: wait for it (bounded by stop) rather than drop a message. */
    private waitForRouter;
    private teardownSocket;
    private rejectWaiters;
}
