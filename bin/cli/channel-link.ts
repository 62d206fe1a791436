import type { GatewayClient } from '../../sdk/client/gateway-client.js';

export interface LinkOutcome {
  linked: boolean;
  message?: string;
  result: Record<string, any>;
}

/**
 * Link a channel account (WhatsApp) through the running gateway (`channels.login`): every QR the plugin
 * sends (in the ack, as `channels.login` events, in the answer) is drawn in the terminal, and
 * the call returns once the phone has linked or the gateway's timeout passed. Used by
 * `moltbot channels login` and `moltbot setup`.
 */
export async function linkChannel(
  client: GatewayClient,
  options: { channel: string; account?: string; timeoutMs: number; print: (text: string) => void; quiet?: boolean },
): Promise<LinkOutcome> {
  const { default: qrcode } = await import('qrcode-terminal');
  let lastQr: string | undefined;
  const showQr = (qr: unknown) => {
    if (typeof qr !== 'string' || qr === lastQr || options.quiet) return;
    lastQr = qr;
    options.print('Scan this QR code with WhatsApp (Settings → Linked devices → Link a device):');
    qrcode.generate(qr, { small: true }, (art) => options.print(art));
  };
  const off = client.onEvent((e) => {
    if (e.event === 'channels.login' && e.payload?.status === 'qr') showQr(e.payload.qr);
  });
  try {
    // The gateway bounds the login by timeoutMs (5 s–10 min); our own deadline leaves it time to answer.
    const params = {
      channel: options.channel,
      ...(options.account ? { accountId: options.account } : {}),
      timeoutMs: Math.min(600_000, Math.max(5000, options.timeoutMs)),
    };
    const result = await client.request<Record<string, any>>('channels.login', params, {
      timeoutMs: options.timeoutMs + 5000,
      onAccepted: (ack) => showQr(ack.qr),
    });
    showQr(result.qr);
    return { linked: result.linked !== false, message: result.message, result };
  } finally {
    off();
  }
}
