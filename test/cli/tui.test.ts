import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentConfig } from '../channels/telegram-harness.js';
import { type FakeModelProvider, startFakeModelProvider } from '../fakes/model-provider.js';
import { CLI, type GatewayProcess, REPO_ROOT, startGateway } from '../support/gateway-process.js';
import { type PtyTerminal, spawnInPty } from '../support/pty-terminal.js';
import { cliEnv, tempHome } from './run-cli.js';

let model: FakeModelProvider;
let gw: GatewayProcess;
const ptys: PtyTerminal[] = [];

beforeAll(async () => {
  model = await startFakeModelProvider();
  gw = await startGateway({ config: agentConfig(model) });
});
afterAll(async () => {
  for (const t of ptys) t.kill();
  await gw?.stop();
  await model?.close();
});

function tui(args: string[]): PtyTerminal {
  // A HOME of its own: the TUI reaches the gateway by --url and --token, as it would a remote one.
  const t = spawnInPty(process.execPath, [CLI, 'tui', '--url', gw.url, '--token', gw.token, ...args], {
    env: cliEnv(tempHome()),
    cols: 100,
    rows: 30,
  });
  ptys.push(t);
  return t;
}

describe('moltbot tui (in a pseudo-terminal, against the real gateway)', () => {
  it('streams a reply, shows a tool call in one line, aborts a slow reply with Ctrl-C, /new and /model', async () => {
    const t = tui(['--session', 'main']);
    await t.waitFor(/you ›$/);
    expect(t.screen()).toContain('session agent:main:main');

    model.script({ text: 'Hello from the fake model, streamed in pieces.', chunkDelayMs: 20 });
    t.write('hi there\r');
    await t.waitFor('agent Hello from the fake model, streamed in pieces.');
    await t.waitFor(/streamed in pieces\.\n(?:.*\n)*you ›$/);

    model.script([
      { toolCalls: [{ name: 'sessions_list', arguments: { limit: 3 } }] },
      { text: 'You have one session.' },
    ]);
    t.write('which sessions?\r');
    await t.waitFor(/You have one session\.\n(?:.*\n)*you ›$/);
    expect(t.screen()).toMatch(/⚙ sessions_list \{"limit":3\}/);
    expect(t.screen()).toMatch(/✓ sessions_list /);

    // A slow reply: words arrive one by one; Ctrl-C aborts it mid-stream.
    model.script({ text: Array.from({ length: 200 }, (_, i) => `word${i}`).join(' '), chunkDelayMs: 150 });
    t.write('tell me a long story\r');
    await t.waitFor('word3');
    t.press('ctrlC');
    await t.waitFor('(aborted)');
    await t.waitFor(/\(aborted\)\n(?:.*\n)*you ›$/);
    expect(t.screen()).not.toContain('word199');
    const runs = await (await gw.client()).request('sessions.list', {});
    expect(runs.sessions.find((s: { key: string }) => s.key === 'agent:main:main')).toBeDefined();

    // The screen as it is now, for docs/cli.md (rendered to PNG by scripts/render-terminal.mjs).
    fs.mkdirSync(path.join(REPO_ROOT, '.tmp'), { recursive: true });
    fs.writeFileSync(path.join(REPO_ROOT, '.tmp/tui-screen.txt'), `${t.viewport().join('\n')}\n`);

    t.write('/model fake/test-model\r');
    await t.waitFor('model for this session: fake/test-model');
    t.write('/new\r');
    await t.waitFor(/session agent:main:tui-[0-9a-f]{8} · new/);
    t.write('/exit\r');
    expect(await t.exited()).toBe(0);
  }, 90_000);

  it("opens with a session picker and the chosen session's history", async () => {
    const t = tui([]);
    await t.waitFor('Which session?');
    t.press('enter'); // the main session, listed first
    await t.waitFor(/you ›$/);
    expect(t.screen()).toContain('you   hi there');
    expect(t.screen()).toContain('agent Hello from the fake model, streamed in pieces.');
    t.press('ctrlC');
    await t.waitFor('(Ctrl-C again or /exit to quit)');
    t.press('ctrlC');
    expect(await t.exited()).toBe(0);
  }, 60_000);

  it('says when the gateway restarts, comes back by itself, and the next message is answered', async () => {
    const t = tui(['--session', 'main']);
    await t.waitFor(/you ›$/);
    const admin = await gw.client();
    await admin.request('gateway.restart', { reason: 'tui test' });
    admin.close();
    await t.waitFor('connection lost; reconnecting…');
    await t.waitFor(/reconnected\n(?:.*\n)*you ›$/, 45_000);
    model.script({ text: 'Back after the restart.' });
    t.write('still there?\r');
    await t.waitFor('agent Back after the restart.');
    t.write('/exit\r');
    expect(await t.exited()).toBe(0);
  }, 90_000);

  it('/abort stops a slow reply: chat.abort reaches the gateway, the run ends aborted, the next works', async () => {
    const admin = await gw.client();
    const sessionKey = 'agent:main:abort-check';
    const t = tui(['--session', 'abort-check']);
    await t.waitFor(/you ›$/);
    t.write('/abort\r');
    await t.waitFor('nothing is running');

    const aborted = admin.waitForEvent(
      (e) => e.event === 'chat' && e.payload?.sessionKey === sessionKey && e.payload?.state === 'aborted',
      30_000,
    );
    model.script({ text: Array.from({ length: 200 }, (_, i) => `slow${i}`).join(' '), chunkDelayMs: 150 });
    t.write('a slow one please\r');
    await t.waitFor('slow3');
    // Typed while the reply streams: the line editor is hidden then, the command still goes through.
    t.write('/abort\r');
    const event = await aborted;
    expect(event.payload.errorMessage).toBe('aborted by chat.abort');
    const run = await admin.request('agent.wait', { runId: event.payload.runId, timeoutMs: 5000 });
    expect(run).toMatchObject({
      runId: event.payload.runId,
      status: 'aborted',
      error: { message: 'aborted by chat.abort' },
    });
    await t.waitFor(/\(aborted\)\n(?:.*\n)*you ›$/);
    expect(t.screen()).not.toContain('slow199');

    // Still usable: the next message is answered in the same session.
    model.script({ text: 'Fresh answer after the abort.' });
    t.write('and now?\r');
    await t.waitFor(/agent Fresh answer after the abort\.\n(?:.*\n)*you ›$/);
    const history = await admin.request('chat.history', { sessionKey });
    const texts = history.messages.map((m: { role: string; content: Array<{ text: string }> }) => [
      m.role,
      m.content[0]?.text,
    ]);
    expect(texts).toContainEqual(['user', 'and now?']);
    expect(texts).toContainEqual(['assistant', 'Fresh answer after the abort.']);
    admin.close();
    t.write('/exit\r');
    expect(await t.exited()).toBe(0);
  }, 90_000);

  it('a refused /session keeps the session it was in, and the next message is answered there', async () => {
    const t = tui(['--session', 'main']);
    await t.waitFor(/you ›$/);
    t.write('/session agent:nobody:x\r');
    await t.waitFor('unknown agent "nobody"');
    await t.waitFor(/unknown agent "nobody".*\n(?:.*\n)*you ›$/);
    t.write('/session\r');
    await t.waitFor('this session: agent:main:main');
    model.script({ text: 'Still in main.' });
    t.write('where am I?\r');
    await t.waitFor(/agent Still in main\.\n(?:.*\n)*you ›$/);
    t.write('/exit\r');
    expect(await t.exited()).toBe(0);
  }, 60_000);
});
