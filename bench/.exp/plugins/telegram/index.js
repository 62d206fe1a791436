import { definePlugin } from '../../sdk/index.js';
import { telegramConfigSchema } from './config-schema.js';
import { startTelegram } from './start-telegram.js';
/** `telegram`: Telegram bots through grammY (long polling or webhook), one supervisor per account. */
export default definePlugin({
    id: 'telegram',
    version: '1.0.0',
    sdk: '^1.0.0',
    configKey: 'channels.telegram',
    configSchema: telegramConfigSchema,
    dependsOn: ['router'],
    description: 'Telegram channel (grammY).',
    register: (app, ctx) => startTelegram(app, ctx),
});
//# sourceMappingURL=index.js.map