import { timingSafeEqual } from 'node:crypto';
/**
 * POST route Telegram calls in webhook mode. It skips the gateway's bearer auth and checks
 * Telegram's own `X-Telegram-Bot-Api-Secret-Token` instead; it answers 200 only after the
 * router stored the update (a 500 makes Telegram redeliver it).
 */
export function registerWebhookRoute(app, account) {
    const { path, secret } = account.settings.webhook;
    const expected = Buffer.from(secret);
    app.post(path, { config: { auth: false }, bodyLimit: 1024 * 1024 }, async (req, reply) => {
        const presented = Buffer.from(String(req.headers['x-telegram-bot-api-secret-token'] ?? ''));
        if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
            return reply.code(401).send({ ok: false, error: 'X-Telegram-Bot-Api-Secret-Token does not match channels.telegram.webhookSecret' });
        }
        const update = req.body;
        if (!update || typeof update !== 'object' || typeof update.update_id !== 'number')
            return reply.code(400).send({ ok: false, error: 'body is not a Telegram Update' });
        await account.acceptWebhookUpdate(update);
        return reply.code(200).send({ ok: true });
    });
}
//# sourceMappingURL=webhook-route.js.map