import { Bot, GrammyError, HttpError } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { Logger } from 'pino';
import {
  abortableSleep,
  backoff,
  type ChannelAccountState,
  type ChannelAccountStatus,
  type ChannelRouter,
  type ChatCommand,
  type OutboundMessage,
  type SendResult,
} from '../../sdk/index.js';
import type { AccountSettings } from './account-settings.js';
import { grammySignal } from './grammy-signal.js';
import { downloadTelegramFile } from './media-download.js';
import { redactToken } from './redact-token.js';
import { sendTelegramMessage, toSendError } from './telegram-sender.js';
import { updateToInbound } from './update-to-inbound.js';

const ALLOWED_UPDATES = ['message'] as const;
/** Telegram shows at most 100 commands in a bot's menu. */
const MENU_LIMIT = 100;

export interface AccountDeps {
  router: () => ChannelRouter | undefined;
  /** The registered chat commands (every plugin's), for the bot's command menu. */
  commands: () => ChatCommand[];
  logger: Logger;
  mediaDir: string;
}

/**
 * One bot account, supervised on its own: connects (getMe), then long-polls getUpdates or sets
 * its webhook. An update's offset is confirmed only after the router stored it, so a crash
 * replays it. 401 stops the account with "token invalid"; 409 and network errors back off.
 */
export class TelegramAccount {
  readonly bot?: Bot;
  private state: ChannelAccountState;
  private me?: UserFromGetMe;
  private lastInboundAt?: number;
  private lastOutboundAt?: number;
  private lastError?: string;
  private hint?: string;
  private readonly stopper = new AbortController();
  private loop?: Promise<void>;
  /** The command menu Telegram has (as sent), so an unchanged list is not sent again. */
  private menu?: string;

  constructor(
    readonly settings: AccountSettings,
    private readonly deps: AccountDeps,
  ) {
    if (!settings.enabled) this.state = 'disabled';
    else if (settings.problem) {
      this.state = settings.token ? 'config-error' : 'not-configured';
      this.lastError = settings.problem.message;
      this.hint = settings.problem.hint;
    } else {
      this.state = 'connecting';
      // One client timeout for every call, long enough for a long poll plus the request timeout:
      // a blackholed Bot API then shows as a network error in status instead of hanging for good.
      const timeoutSeconds = settings.requestTimeoutSeconds + settings.pollTimeoutSeconds;
      this.bot = new Bot(settings.token!, { client: { apiRoot: settings.apiRoot, timeoutSeconds } });
    }
  }

  get accountId(): string {
    return this.settings.accountId;
  }

  start(): void {
    if (this.bot && !this.loop)
      this.loop = this.run().catch((err) =>
        this.deps.logger.error(
          { accountId: this.accountId, error: redactToken(String((err as Error)?.stack ?? err), this.settings.token) },
          'telegram account loop crashed',
        ),
      );
  }

  async stop(): Promise<void> {
    this.stopper.abort();
    await this.loop;
    if (this.state !== 'token-invalid' && this.state !== 'disabled') this.state = 'stopped';
  }

  status(): ChannelAccountStatus {
    return {
      accountId: this.accountId,
      linked: this.state === 'running',
      state: this.state,
      ...(this.me ? { identity: `@${this.me.username}` } : {}),
      ...(this.lastInboundAt ? { lastInboundAt: this.lastInboundAt } : {}),
      ...(this.lastOutboundAt ? { lastOutboundAt: this.lastOutboundAt } : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
      ...(this.hint ? { hint: this.hint } : {}),
    };
  }

  async send(message: OutboundMessage, signal: AbortSignal): Promise<SendResult> {
    if (!this.bot)
      throw toSendError(
        new Error(`telegram account ${this.accountId} is not running (${this.state}): ${this.lastError ?? ''}`),
      );
    const result = await sendTelegramMessage(this.bot.api, message, signal);
    this.lastOutboundAt = Date.now();
    return result;
  }

  /**
   * Make the bot's command menu (setMyCommands) the registered chat commands: at start and
   * whenever a plugin load or unload changes them. A convenience: a failure is logged, the bot
   * keeps running, and the next change tries again.
   */
  async syncCommandMenu(): Promise<void> {
    const bot = this.bot;
    if (!bot || !this.me || this.stopper.signal.aborted) return;
    const signal = grammySignal(this.stopper.signal);
    const commands = this.settings.commandMenu
      ? this.deps
          .commands()
          .slice(0, MENU_LIMIT)
          .map((c) => ({ command: c.name, description: c.description }))
      : [];
    const menu = JSON.stringify(commands);
    if (menu === this.menu) return;
    this.menu = menu;
    try {
      if (commands.length) await bot.api.setMyCommands(commands, {}, signal);
      else await bot.api.deleteMyCommands({}, signal);
    } catch (err) {
      this.menu = undefined;
      this.deps.logger.warn(
        { err: redactToken(String(err), this.settings.token), accountId: this.accountId },
        'setMyCommands failed',
      );
    }
  }

  async typing(chatId: string): Promise<void> {
    await this.bot?.api.sendChatAction(chatId, 'typing', {}, grammySignal(this.stopper.signal));
  }

  /** Handle one update from the webhook route; resolves once the router stored it. */
  /** The bot's own identity is known (getMe answered): needed to read mentions and replies. */
  get identityKnown(): boolean {
    return this.me !== undefined;
  }

  async acceptWebhookUpdate(update: Update): Promise<void> {
    await this.handleUpdate(update);
  }

  private async run(): Promise<void> {
    const signal = this.stopper.signal;
    const bot = this.bot!;
    for (let failures = 0; !signal.aborted; ) {
      try {
        // Not bot.init(): it retries network errors silently forever; our loop shows them in status.
        this.me = await bot.api.getMe(grammySignal(signal));
        bot.botInfo = this.me;
        break;
      } catch (err) {
        if (!(await this.backOffAfter(err, ++failures, signal))) return;
      }
    }
    if (signal.aborted) return;
    await this.syncCommandMenu();
    if (this.settings.webhook) {
      await this.setWebhook(signal);
      return;
    }
    await bot.api.deleteWebhook({}, grammySignal(signal)).catch(() => undefined);
    // getMe answered: the token works. The first long poll may take its whole timeout.
    this.markRunning();
    await this.poll(signal);
  }

  private async setWebhook(signal: AbortSignal): Promise<void> {
    const { url, secret } = this.settings.webhook!;
    for (let failures = 0; !signal.aborted; ) {
      try {
        await this.bot!.api.setWebhook(
          url,
          { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] },
          grammySignal(signal),
        );
        this.markRunning();
        return;
      } catch (err) {
        if (!(await this.backOffAfter(err, ++failures, signal))) return;
      }
    }
  }

  private async poll(signal: AbortSignal): Promise<void> {
    let offset: number | undefined;
    let failures = 0;
    while (!signal.aborted) {
      try {
        const updates = await this.bot!.api.getUpdates(
          {
            ...(offset !== undefined ? { offset } : {}),
            timeout: this.settings.pollTimeoutSeconds,
            allowed_updates: [...ALLOWED_UPDATES],
          },
          grammySignal(signal),
        );
        failures = 0;
        this.markRunning();
        for (const update of updates) {
          await this.handleUpdate(update);
          // Only now may Telegram forget it: the next getUpdates confirms this offset.
          offset = update.update_id + 1;
        }
      } catch (err) {
        if (!(await this.backOffAfter(err, ++failures, signal))) return;
      }
    }
  }

  private async handleUpdate(update: Update): Promise<void> {
    const signal = this.stopper.signal;
    const converted = updateToInbound(update, this.accountId, this.me!);
    if (!converted) return;
    const { message, media } = converted;
    this.lastInboundAt = Date.now();
    const saved: string[] = [];
    const refused: string[] = [];
    for (const item of media) {
      try {
        saved.push(
          await downloadTelegramFile(this.bot!.api, {
            token: this.settings.token!,
            apiRoot: this.settings.apiRoot,
            fileId: item.fileId,
            maxBytes: this.settings.mediaMaxBytes,
            mediaDir: this.deps.mediaDir,
            fallbackName: item.name,
            signal,
          }),
        );
      } catch (err) {
        if (signal.aborted) throw err;
        refused.push(
          `${item.kind} ${item.name} not received: ${redactToken((err as Error).message, this.settings.token)}`,
        );
      }
    }
    if (saved.length) message.mediaPaths = saved;
    if (refused.length) message.mediaErrors = refused;
    if (!message.text && saved.length === 0 && refused.length === 0) return;
    // No router yet (delivery plugin loading or reloading): hold the offset until it is back.
    for (let waited = 0; !signal.aborted; waited++) {
      const router = this.deps.router();
      if (router) {
        const outcome = await router.inbound(message, this.settings.policy);
        this.deps.logger.debug(
          { accountId: this.accountId, updateId: update.update_id, disposition: outcome.disposition },
          'telegram update routed',
        );
        return;
      }
      if (waited % 20 === 0)
        this.deps.logger.warn({ accountId: this.accountId }, 'router service not available; holding telegram updates');
      await abortableSleep(500, signal);
    }
    throw new Error('stopped before the update was stored');
  }

  private markRunning(): void {
    if (this.state !== 'running')
      this.deps.logger.info(
        { accountId: this.accountId, bot: this.me?.username, mode: this.settings.webhook ? 'webhook' : 'polling' },
        'telegram account running',
      );
    this.state = 'running';
    this.lastError = undefined;
    this.hint = undefined;
  }

  /** After a failed call: false when the loop must end (stopped, or the token is invalid); else waits. */
  private async backOffAfter(err: unknown, failures: number, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted || this.isUnauthorized(err)) return false;
    this.noteError(err);
    await abortableSleep(backoff(failures, { baseMs: 1000, maxMs: 30_000 }), signal);
    return true;
  }

  private isUnauthorized(err: unknown): boolean {
    if (!(err instanceof GrammyError) || err.error_code !== 401) return false;
    this.state = 'token-invalid';
    this.lastError = 'token invalid: Telegram answered 401 Unauthorized';
    const tokenKey =
      this.settings.accountId === 'default'
        ? 'channels.telegram.botToken'
        : `channels.telegram.accounts.${this.settings.accountId}.botToken`;
    this.hint = `get a new token from @BotFather and set it in ${tokenKey} (the gateway reloads the channel on save)`;
    this.deps.logger.error(
      { accountId: this.accountId },
      'telegram bot token invalid (401); account stopped until the token is fixed',
    );
    return true;
  }

  private noteError(err: unknown): void {
    if (err instanceof GrammyError && err.error_code === 409) {
      this.lastError = `conflict (409): ${err.description}`;
      this.hint =
        'another process is polling this bot or a webhook is set: stop the other instance (one poller per token)';
    } else if (err instanceof HttpError) {
      const detail = (err.error as Error)?.message ?? err.message;
      this.lastError = `network error: ${redactToken(detail, this.settings.token)}`;
      this.hint = 'check the network connection or channels.telegram.apiRoot';
    } else {
      this.lastError = redactToken((err as Error)?.message ?? String(err), this.settings.token);
      this.hint = undefined;
    }
    if (this.state === 'running' || this.state === 'connecting') this.state = 'retrying';
    this.deps.logger.warn({ accountId: this.accountId, error: this.lastError }, 'telegram account error; backing off');
  }
}
