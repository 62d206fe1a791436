import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { baileysSocketFactory } from './baileys-socket-factory.js';

describe('baileysSocketFactory (production)', () => {
  it('builds a real Baileys socket over the multi-file auth state in a private folder', async () => {
    const authDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wa-real-')), 'credentials', 'whatsapp', 'default');
    const sock = await baileysSocketFactory({ accountId: 'default', authDir, logger: pino({ level: 'silent' }) });
    try {
      const update = await new Promise<Record<string, unknown>>((resolve) => sock.ev.on('connection.update', resolve));
      // Whatever the network allows here (QR, connecting, or a close), Baileys speaks through the events we bind.
      expect(['connecting', 'close', 'open', undefined]).toContain(update.connection);
      for (const fn of [sock.sendMessage, sock.sendPresenceUpdate, sock.readMessages, sock.logout, sock.end])
        expect(typeof fn).toBe('function');
      expect(fs.statSync(authDir).mode & 0o777).toBe(0o700);
      for (const f of fs.readdirSync(authDir)) expect(fs.statSync(path.join(authDir, f)).mode & 0o777).toBe(0o600);
    } finally {
      sock.end(undefined);
    }
  });
});
