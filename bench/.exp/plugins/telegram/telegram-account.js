import { grammySignal } from './grammy-signal.js';
import { Bot, GrammyError, HttpError } from 'grammy';
import { downloadTelegramFile } from './media-download.js';
import { backoffMs, sleep } from './retry-backoff.js';
import { sendTelegramMessage, toSendError } from './telegram-sender.js';
import { updateToInbound } from './update-to-inbound.js';
const ALLOWED_UPDATES = ['message'];
const BOT_COMMANDS = [
    { command: 'status', description: 'Show the assistant gateway status' },
    { command: 'new', description: 'Start a new conversation' },
];
/**
 * One bot account, supervised on its own: connects (getMe), then long-polls getUpdates or sets
 * its webhook. An update's offset is confirmed only after the router stored it, so a crash
 * replays it. 401 stops the account with "token invalid"; 409 and network errors back off.
 */
export class TelegramAccount {
    settings;
    deps;
    bot;
    state;
    me;
    lastInboundAt;
    lastOutboundAt;
    lastError;
    hint;
    stopper = new AbortController();
    loop;
    constructor(settings, deps) {
        this.settings = settings;
        this.deps = deps;
        if (!settings.enabled)
            this.state = 'disabled';
        else if (settings.problem) {
            this.state = settings.token ? 'config-error' : 'not-configured';
            this.lastError = settings.problem.message;
            this.hint = settings.problem.hint;
        }
        else {
            this.state = 'connecting';
            this.bot = new Bot(settings.token, { client: { apiRoot: settings.apiRoot } });
        }
    }
    get accountId() {
        return this.settings.accountId;
    }
    start() {
        if (this.bot && !this.loop)
            this.loop = this.run().catch((err) => this.deps.logger.error({ err, accountId: this.accountId }, 'telegram account loop crashed'));
    }
    async stop() {
        this.stopper.abort();
        await this.loop;
        if (this.state !== 'token-invalid' && this.state !== 'disabled')
            this.state = 'stopped';
    }
    status() {
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
    async send(message, signal) {
        if (!this.bot)
            throw toSendError(new Error(`telegram account ${this.accountId} is not running (${this.state}): ${this.lastError ?? ''}`));
        const result = await sendTelegramMessage(this.bot.api, message, signal);
        this.lastOutboundAt = Date.now();
        return result;
    }
    async typing(chatId) {
        await this.bot?.api.sendChatAction(chatId, 'typing', {}, grammySignal(this.stopper.signal));
    }
    /** Handle one update from the webhook route; resolves once the router stored it. */
    async acceptWebhookUpdate(update) {
        await this.handleUpdate(update);
    }
    async run() {
        const signal = this.stopper.signal;
        const bot = this.bot;
        for (let failures = 0; !signal.aborted;) {
            try {
                // Not bot.init(): it retries network errors silently forever; our loop shows them in status.
                this.me = await bot.api.getMe(grammySignal(signal));
                bot.botInfo = this.me;
                break;
            }
            catch (err) {
                if (signal.aborted)
                    return;
                if (this.isUnauthorized(err))
                    return;
                failures++;
                this.noteError(err);
                await sleep(backoffMs(failures), signal);
            }
        }
        if (signal.aborted)
            return;
        // The command menu is a convenience; a failure here must not keep the bot down.
        await bot.api.setMyCommands(BOT_COMMANDS, {}, grammySignal(signal)).catch((err) => this.deps.logger.warn({ err: String(err), accountId: this.accountId }, 'setMyCommands failed'));
        if (this.settings.webhook) {
            await this.setWebhook(signal);
            return;
        }
        await bot.api.deleteWebhook({}, grammySignal(signal)).catch(() => undefined);
        // getMe answered: the token works. The first long poll may take its whole timeout.
        this.markRunning();
        await this.poll(signal);
    }
    async setWebhook(signal) {
        const { url, secret } = this.settings.webhook;
        for (let failures = 0; !signal.aborted;) {
            try {
                await this.bot.api.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] }, grammySignal(signal));
                this.markRunning();
                return;
            }
            catch (err) {
                if (signal.aborted || this.isUnauthorized(err))
                    return;
                failures++;
                this.noteError(err);
                await sleep(backoffMs(failures), signal);
            }
        }
    }
    async poll(signal) {
        let offset;
        let failures = 0;
        while (!signal.aborted) {
            try {
                const updates = await this.bot.api.getUpdates({ ...(offset !== undefined ? { offset } : {}), timeout: this.settings.pollTimeoutSeconds, allowed_updates: [...ALLOWED_UPDATES] }, grammySignal(signal));
                failures = 0;
                this.markRunning();
                for (const update of updates) {
                    await this.handleUpdate(update);
                    // Only now may Telegram forget it: the next getUpdates confirms this offset.
                    offset = update.update_id + 1;
                }
            }
            catch (err) {
                if (signal.aborted)
                    return;
                if (this.isUnauthorized(err))
                    return;
                failures++;
                this.noteError(err);
                await sleep(backoffMs(failures), signal);
            }
        }
    }
    async handleUpdate(update) {
        const signal = this.stopper.signal;
        const converted = updateToInbound(update, this.accountId, this.me);
        if (!converted)
            return;
        const { message, media } = converted;
        this.lastInboundAt = Date.now();
        const saved = [];
        for (const item of media) {
            try {
                saved.push(await downloadTelegramFile(this.bot.api, { token: this.settings.token, apiRoot: this.settings.apiRoot, fileId: item.fileId, maxBytes: this.settings.mediaMaxBytes, mediaDir: this.deps.mediaDir, fallbackName: item.name, signal }));
            }
            catch (err) {
                message.text = `${message.text}\n[${item.kind} not downloaded: ${err.message}]`.trim();
            }
        }
        if (saved.length)
            message.mediaPaths = saved;
        if (!message.text && saved.length === 0)
            return;
        // No router yet (delivery plugin loading or reloading): hold the offset until it is back.
        for (let waited = 0; !signal.aborted; waited++) {
            const router = this.deps.router();
            if (router) {
                const outcome = await router.inbound(message, this.settings.policy);
                this.deps.logger.debug({ accountId: this.accountId, updateId: update.update_id, disposition: outcome.disposition }, 'telegram update routed');
                return;
            }
            if (waited % 20 === 0)
                this.deps.logger.warn({ accountId: this.accountId }, 'router service not available; holding telegram updates');
            await sleep(500, signal);
        }
        throw new Error('stopped before the update was stored');
    }
    markRunning() {
        if (this.state !== 'running')
            this.deps.logger.info({ accountId: this.accountId, bot: this.me?.username, mode: this.settings.webhook ? 'webhook' : 'polling' }, 'telegram account running');
        this.state = 'running';
        this.lastError = undefined;
        this.hint = undefined;
    }
    isUnauthorized(err) {
        if (!(err instanceof GrammyError) || err.error_code !== 401)
            return false;
        this.state = 'token-invalid';
        this.lastError = 'token invalid: Telegram answered 401 Unauthorized';
        this.hint = `get a new token from @BotFather and set it in ${this.settings.accountId === 'default' ? 'channels.telegram.botToken' : `channels.telegram.accounts.${this.settings.accountId}.botToken`} (the gateway reloads the channel on save)`;
        this.deps.logger.error({ accountId: this.accountId }, 'telegram bot token invalid (401); account stopped until the token is fixed');
        return true;
    }
    noteError(err) {
        if (err instanceof GrammyError && err.error_code === 409) {
            this.lastError = `conflict (409): ${err.description}`;
            this.hint = 'another process is polling this bot or a webhook is set: stop the other instance (one poller per token)';
        }
        else if (err instanceof HttpError) {
            this.lastError = `network error: ${err.error?.message ?? err.message}`;
            this.hint = 'check the network connection or channels.telegram.apiRoot';
        }
        else {
            this.lastError = err?.message ?? String(err);
            this.hint = undefined;
        }
        if (this.state === 'running' || this.state === 'connecting')
            this.state = 'retrying';
        this.deps.logger.warn({ accountId: this.accountId, error: this.lastError }, 'telegram account error; backing off');
    }
}
//# sourceMappingURL=telegram-account.js.map