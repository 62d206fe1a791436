import { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import type { ChannelAccountStatus, ChannelRouter, OutboundMessage, SendResult } from '../../sdk/index.js';
import type { AccountSettings } from './account-settings.js';
export interface AccountDeps {
    router: () => ChannelRouter | undefined;
    logger: Logger;
    mediaDir: string;
}
/**
 * One bot account, supervised on its own: connects (getMe), then long-polls getUpdates or sets
 * its webhook. An update's offset is confirmed only after the router stored it, so a crash
 * replays it. 401 stops the account with "token invalid"; 409 and network errors back off.
 */
export declare class TelegramAccount {
    readonly settings: AccountSettings;
    private readonly deps;
    readonly bot?: Bot;
    private state;
    private me?;
    private lastInboundAt?;
    private lastOutboundAt?;
    private lastError?;
    private hint?;
    private readonly stopper;
    private loop?;
    constructor(settings: AccountSettings, deps: AccountDeps);
    get accountId(): string;
    start(): void;
    stop(): Promise<void>;
    status(): ChannelAccountStatus;
    send(message: OutboundMessage, signal: AbortSignal): Promise<SendResult>;
    typing(chatId: string): Promise<void>;
    /** Handle one update from the webhook route; resolves once the router stored it. */
    acceptWebhookUpdate(update: Update): Promise<void>;
    private run;
    private setWebhook;
    private poll;
    private handleUpdate;
    private markRunning;
    private isUnauthorized;
    private noteError;
}
