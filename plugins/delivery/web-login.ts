import type { ChannelAdapter, PluginContext } from '../../sdk/index.js';
import { Type } from '../../sdk/index.js';
import { resolveAccount, resolveChannel } from './channel-resolver.js';

/** How long a login started by `web.login.start` waits for its scan (Moltbot's QR lifetime). */
const LOGIN_TTL_MS = 3 * 60_000;
const DEFAULT_QR_WAIT_MS = 30_000;
const DEFAULT_SCAN_WAIT_MS = 120_000;

interface PendingLogin {
  done: Promise<'linked'>;
  firstQr: Promise<string>;
  qrDataUrl?: string;
  error?: Error;
  abort: AbortController;
}

const accountParam = { accountId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })) };
const waitMs = (min: number) =>
  Type.Optional(Type.Integer({ minimum: 0, maximum: 600_000, description: `ms; below ${min} counts as ${min}` }));

/**
 * `web.login.start|wait`: WhatsApp linking as the existing control UI and apps do it — start
 * answers the QR as a PNG data URL, wait answers once it was scanned (or the wait ran out). Both
 * drive the same `login` of the WhatsApp adapter as `channels.login`; a login started here
 * stays open between the two calls, for at most three minutes.
 */
export function registerWebLoginMethods(ctx: PluginContext<unknown>): void {
  const pending = new Map<string, PendingLogin>();
  ctx.lease.defer('web logins', () => {
    for (const p of pending.values()) p.abort.abort(new Error('the delivery plugin stopped'));
    pending.clear();
  });

  const whatsapp = (accountId?: string): { adapter: ChannelAdapter; accountId: string } => {
    const adapter = resolveChannel(ctx.channels, 'whatsapp');
    return { adapter, accountId: resolveAccount(adapter, accountId) };
  };
  const linkedIdentity = (adapter: ChannelAdapter, accountId: string): string | undefined => {
    const account = adapter.status().accounts.find((a) => a.accountId === accountId);
    return account?.linked ? (account.identity ?? 'unknown') : undefined;
  };

  const begin = (adapter: ChannelAdapter, accountId: string): PendingLogin => {
    const abort = new AbortController();
    const signal = AbortSignal.any([abort.signal, ctx.lease.signal, AbortSignal.timeout(LOGIN_TTL_MS)]);
    let gotQr!: (qr: string) => void;
    const firstQr = new Promise<string>((resolve) => (gotQr = resolve));
    const login: PendingLogin = { abort, firstQr, done: undefined as unknown as Promise<'linked'> };
    const onQr = (qr: string) => {
      // qrcode is loaded on first use: most gateways never link a WhatsApp account.
      void import('qrcode')
        .then((m) => m.default.toDataURL(qr, { margin: 1 }))
        .then((url) => {
          login.qrDataUrl = url;
          gotQr(url);
        })
        .catch((err: unknown) => ctx.logger.warn({ err }, 'could not render the WhatsApp QR code'));
    };
    login.done = ctx.lease.track(adapter.login!(accountId, onQr, signal)).then(() => 'linked' as const);
    login.done.catch((err: Error) => {
      login.error = err;
    });
    pending.set(accountId, login);
    return login;
  };

  ctx.methods.register('web.login.start', {
    scope: 'operator.admin',
    params: Type.Object(
      {
        force: Type.Optional(Type.Boolean()),
        timeoutMs: waitMs(5000),
        verbose: Type.Optional(Type.Boolean()),
        ...accountParam,
      },
      { additionalProperties: false },
    ),
    description:
      'Start linking WhatsApp: {qrDataUrl, message} once the QR is there (web.login.wait then waits for the scan).',
    handler: async (p) => {
      const { adapter, accountId } = whatsapp(p.accountId);
      const who = linkedIdentity(adapter, accountId);
      if (who)
        return {
          message:
            `WhatsApp is already linked (${who}).` +
            (p.force ? ' For a fresh QR, log it out first: moltbot channels logout --channel whatsapp.' : ''),
        };
      let login = pending.get(accountId);
      if (login?.error) {
        pending.delete(accountId);
        login = undefined;
      }
      if (login?.qrDataUrl)
        return { qrDataUrl: login.qrDataUrl, message: 'QR already active. Scan it in WhatsApp → Linked Devices.' };
      login ??= begin(adapter, accountId);
      const waited = Math.max(p.timeoutMs ?? DEFAULT_QR_WAIT_MS, 5000);
      const outcome = await Promise.race([
        login.firstQr.then((url) => ({ url })),
        login.done.then(
          () => ({ linked: true as const }),
          (err: Error) => ({ error: err }),
        ),
        new Promise<{ timeout: true }>((resolve) => setTimeout(() => resolve({ timeout: true }), waited).unref()),
      ]);
      if ('url' in outcome) return { qrDataUrl: outcome.url, message: 'Scan this QR in WhatsApp → Linked Devices.' };
      if ('linked' in outcome) return { message: 'WhatsApp is linked.' };
      if ('error' in outcome) return { message: `Failed to start WhatsApp login: ${outcome.error.message}` };
      return { message: `Timed out waiting for the WhatsApp QR (${Math.round(waited / 1000)} s); try again.` };
    },
  });

  ctx.methods.register('web.login.wait', {
    scope: 'operator.admin',
    params: Type.Object({ timeoutMs: waitMs(1000), ...accountParam }, { additionalProperties: false }),
    description: 'Wait for the QR of web.login.start to be scanned: {connected, message}.',
    handler: async (p) => {
      const { adapter, accountId } = whatsapp(p.accountId);
      const login = pending.get(accountId);
      if (!login) {
        const who = linkedIdentity(adapter, accountId);
        return who
          ? { connected: true, message: `WhatsApp is linked (${who}).` }
          : { connected: false, message: 'No WhatsApp login in progress: start one with web.login.start.' };
      }
      const waited = Math.max(p.timeoutMs ?? DEFAULT_SCAN_WAIT_MS, 1000);
      const outcome = await Promise.race([
        login.done.then(
          () => ({ linked: true as const }),
          (err: Error) => ({ error: err }),
        ),
        new Promise<{ timeout: true }>((resolve) => setTimeout(() => resolve({ timeout: true }), waited).unref()),
      ]);
      if ('timeout' in outcome)
        return { connected: false, message: 'Still waiting for the QR scan. Scan it in WhatsApp → Linked Devices.' };
      pending.delete(accountId);
      if ('error' in outcome) return { connected: false, message: `WhatsApp login failed: ${outcome.error.message}` };
      return { connected: true, message: '✅ Linked! WhatsApp is ready.' };
    },
  });
}
