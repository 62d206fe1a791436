import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { startReady } from '../kernel/start-gateway.js';
import type { GatewayProcess } from '../support/gateway-process.js';
import { REPO_ROOT } from '../support/gateway-process.js';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 60_000 });

// kill -9 at a random point while `send`s and config writes are in flight: every acknowledged
// message is still there after the restart, the config file is never partial, and no temp
// file (a copy of the config, secrets included) is left behind.
const TOKEN = 'kill9-token-0123456789abcdefghijklmnopqr';
let gw: GatewayProcess | undefined;
afterEach(async () => {
  await gw?.stop();
  gw = undefined;
});

const drop = fs.mkdtempSync(path.join(os.tmpdir(), 'kill9-filedrop-'));
const config = (pollMs: number) => ({
  gateway: { auth: { token: TOKEN, rateLimit: { maxFailures: 1000 } }, reload: { debounceMs: 50 } },
  plugins: {
    entries: {
      filedrop: {
        from: path.join(REPO_ROOT, 'examples/02-file-drop-channel'),
        config: { inboxDir: path.join(drop, 'in'), outboxDir: path.join(drop, 'out'), pollMs },
      },
    },
  },
});

describe('kill -9 during send and config writes', () => {
  it('loses nothing acknowledged, never leaves a partial config or a temp file', async () => {
    gw = await startReady({ config: config(200) });
    const home = gw.home;
    const c = await gw.client({ token: TOKEN });
    const acked = new Map<string, string>();
    let stop = false;
    const sending = (async () => {
      for (let i = 0; !stop; i++) {
        const key = `kill9-${i}`;
        try {
          const res = await c.request('send', {
            to: `chat${i % 3}`,
            message: `m${i}`,
            channel: 'filedrop',
            idempotencyKey: key,
          });
          acked.set(key, res.messageId);
        } catch {
          return; // the process is gone
        }
      }
    })();
    const writing = (async (client: GatewayClient) => {
      for (let i = 0; !stop; i++) {
        try {
          await client.request('config.patch', {
            patch: { plugins: { entries: { filedrop: { config: { pollMs: 200 + (i % 50) } } } } },
          });
        } catch {
          return;
        }
      }
    })(await gw.client({ token: TOKEN }));
    await new Promise((r) => setTimeout(r, 800 + Math.floor(Math.random() * 1500)));
    gw.signal('SIGKILL');
    await gw.waitExit(10_000);
    stop = true;
    await Promise.all([sending, writing]);
    expect(acked.size).toBeGreaterThan(0);

    // The config file is whole (one of the written versions), whatever moment the kill hit.
    const text = fs.readFileSync(gw.configPath, 'utf8');
    const parsed = JSON.parse(text);
    expect(parsed.gateway.auth.token).toBe(TOKEN);

    gw = await startReady({ home });
    const leftovers = fs.readdirSync(gw.stateDir).filter((f) => f.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
    const again = await gw.client({ token: TOKEN });
    // Every acknowledged send was stored: repeating its idempotency key returns the same message.
    for (const [key, messageId] of acked) {
      const res = await again.request('send', {
        to: 'chat0',
        message: 'again',
        channel: 'filedrop',
        idempotencyKey: key,
      });
      expect(res.messageId, key).toBe(messageId);
    }
    again.close();
  });
});
