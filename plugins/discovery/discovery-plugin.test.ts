import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTHING_LEFT, startTestGateway, type TestGateway } from '../../sdk/testing.js';
import { eventually } from '../../test/support/eventually.js';
import discovery from './index.js';

let tg: TestGateway;
beforeAll(async () => {
  tg = await startTestGateway({ plugins: [discovery] });
});
afterAll(async () => {
  await tg?.close();
});

const log = () => fs.readFileSync(path.join(tg.stateDir, 'logs', 'gateway.log'), 'utf8');

describe('discovery plugin lifecycle', () => {
  it('on a loopback bind it advertises nothing; it reloads and unloads leaving nothing behind', async () => {
    await eventually(() => expect(log()).toContain('mDNS advertisement skipped: the gateway binds loopback only'));
    expect(log()).not.toContain('advertising _moltbot-gw._tcp');
    await tg.setConfig({ discovery: { mdns: { mode: 'off' } } });
    await eventually(() => expect(log()).toContain('mDNS advertisement off'));
    await tg.setConfig({ plugins: { entries: { discovery: { enabled: false } } } });
    expect(await tg.leftovers('discovery')).toEqual(NOTHING_LEFT);
  });
});
