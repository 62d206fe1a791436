import fs from 'node:fs';
import path from 'node:path';
import { getPath, isPlainObject } from '../../kernel/config/object-path.js';
import type { DoctorContext, Finding } from './finding.js';

/** Each configured channel has what it needs to connect: a Telegram token, linked WhatsApp credentials. */
export function checkChannelCredentials(ctx: DoctorContext): Finding[] {
  const out: Finding[] = [];
  const telegram = getPath(ctx.config, 'channels.telegram');
  if (isPlainObject(telegram) && telegram.enabled !== false) {
    const tokenFile = telegram.tokenFile as string | undefined;
    if (tokenFile && !fs.existsSync(tokenFile)) {
      out.push({
        check: 'channel-credentials',
        severity: 'error',
        message: `channels.telegram.tokenFile ${tokenFile} does not exist`,
        fix: 'create it (mode 0600) or set channels.telegram.botToken',
      });
    } else if (!telegram.botToken && !tokenFile && !ctx.env.TELEGRAM_BOT_TOKEN) {
      out.push({
        check: 'channel-credentials',
        severity: 'error',
        message: 'Telegram is configured but has no bot token',
        fix: `${ctx.hint('config set channels.telegram.botToken <token from @BotFather>')} (or TELEGRAM_BOT_TOKEN)`,
      });
    }
  }
  const whatsapp = getPath(ctx.config, 'channels.whatsapp');
  if (isPlainObject(whatsapp) && whatsapp.enabled !== false) {
    const accounts =
      isPlainObject(whatsapp.accounts) && Object.keys(whatsapp.accounts).length
        ? Object.keys(whatsapp.accounts)
        : ['default'];
    for (const account of accounts) {
      const creds = path.join(ctx.paths.credentialsDir, 'whatsapp', account, 'creds.json');
      if (!fs.existsSync(creds)) {
        out.push({
          check: 'channel-credentials',
          severity: 'warning',
          message: `WhatsApp account "${account}" is not linked (no ${creds})`,
          fix: ctx.hint(`channels login --channel whatsapp${account === 'default' ? '' : ` --account ${account}`}`),
        });
      }
    }
  }
  return out;
}
