import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import deliveryPlugin from '../../plugins/delivery/index.js';
import { whatsappPlugin } from '../../plugins/whatsapp/whatsapp-plugin.js';
import { fakeSocketFactory } from '../channels/fake-wa-socket.js';
import { echoAgentPlugin, startInProcessGateway } from '../channels/in-process-gateway.js';
import { type FakeModelProvider, startFakeModelProvider } from '../fakes/model-provider.js';
import { type FakeTelegramApi, startFakeTelegramApi } from '../fakes/telegram-bot-api.js';
import { freePort } from '../support/free-port.js';
import { CLI, REPO_ROOT } from '../support/gateway-process.js';
import { type PtyTerminal, spawnInPty } from '../support/pty-terminal.js';
import { cliEnv, modeOf, runCli, tempHome } from './run-cli.js';

const KEY = 'sk-right-0123456789';
const BOT_TOKEN = '123456789:AAHfakeBotTokenForSetupTests0123456';
let openai: FakeModelProvider;
let tg: FakeTelegramApi;
const ptys: PtyTerminal[] = [];

beforeAll(async () => {
  openai = await startFakeModelProvider({ apiKey: KEY, models: ['gpt-4o-mini', 'gpt-4o', 'o3-mini'] });
  tg = await startFakeTelegramApi({
    tokens: { [BOT_TOKEN]: { id: 4242, username: 'molt_test_bot', first_name: 'Molt' } },
  });
});
afterAll(async () => {
  for (const t of ptys) t.kill();
  await openai.close();
  await tg.close();
});

const configOf = (home: string) => JSON.parse(fs.readFileSync(path.join(home, '.clawdbot/moltbot.json'), 'utf8'));

/** The service manager command lines the CLI's one runner recorded (MOLTBOT_SERVICE_RUNNER_LOG). */
const runnerLines = (log: string) =>
  fs
    .readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { cmd: string; args: string[] })
    .map((c) => [c.cmd, ...c.args].join(' '));

/** `moltbot setup` in a real pseudo-terminal, so it takes the interactive path. */
function setupInPty(home: string, args: string[] = []): PtyTerminal {
  const t = spawnInPty(process.execPath, [CLI, 'setup', ...args], { env: cliEnv(home), cols: 160, rows: 40 });
  ptys.push(t);
  return t;
}

/** Past the provider question ("skip for now") and Telegram ("no"), to the WhatsApp question. */
async function skipToWhatsApp(t: PtyTerminal): Promise<void> {
  await t.waitFor('Which model provider should the assistant use?');
  for (let i = 0; i < 5; i++) t.press('down');
  t.press('enter'); // skip for now
  await t.waitFor('Connect a Telegram bot?');
  t.write('n');
  await t.waitFor('Link WhatsApp');
}

describe('setup --non-interactive', () => {
  it('checks the key by listing the models, stores provider and Telegram bot, prints no secret', async () => {
    const home = tempHome();
    const r = await runCli(
      [
        'setup',
        '--non-interactive',
        '--provider',
        'openrouter',
        '--base-url',
        openai.baseUrl,
        '--api-key',
        KEY,
        '--model',
        'gpt-4o',
        '--telegram-token',
        BOT_TOKEN,
        '--telegram-api-root',
        tg.apiRoot,
      ],
      { home },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const models = openai.requests.filter((q) => q.method === 'GET' && q.path === '/v1/models');
    expect(models.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(tg.sent(BOT_TOKEN).some((c) => c.method === 'getMe')).toBe(true);
    const config = configOf(home);
    expect(config.models.providers.openrouter).toMatchObject({ baseUrl: openai.baseUrl, apiKey: KEY });
    expect(config.models.providers.openrouter.models.map((m: { id: string }) => m.id)).toEqual([
      'gpt-4o',
      'gpt-4o-mini',
      'o3-mini',
    ]);
    expect(config.agents.defaults.model.primary).toBe('openrouter/gpt-4o');
    expect(config.channels.telegram).toMatchObject({ botToken: BOT_TOKEN, apiRoot: tg.apiRoot, enabled: true });
    expect(r.stdout).toContain('@molt_test_bot');
    for (const secret of [KEY, BOT_TOKEN, config.gateway.auth.token]) expect(r.stdout).not.toContain(secret);
    expect(modeOf(path.join(home, '.clawdbot/moltbot.json'))).toBe('600');
    expect(fs.readdirSync(path.join(home, 'clawd')).sort()).toEqual(['AGENTS.md', 'HEARTBEAT.md']);
  });

  it('explains a refused key, a server that is not running and a bad bot token, writing nothing', async () => {
    const home = tempHome();
    const base = ['setup', '--non-interactive', '--provider', 'openai', '--base-url', openai.baseUrl];
    const wrong = await runCli([...base, '--api-key', 'sk-wrong-key-000', '--model', 'gpt-4o'], { home });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('openai refused the API key (HTTP 401');
    expect(wrong.stderr).toContain('check the key you entered for openai');
    expect(wrong.stderr).not.toContain('sk-wrong-key-000');

    const deadPort = await freePort();
    const refused = await runCli(
      ['setup', '--non-interactive', '--provider', 'ollama', '--base-url', `http://127.0.0.1:${deadPort}/v1`],
      { home },
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `nothing answers at 127.0.0.1:${deadPort} (connection refused): is the server running?`,
    );
    expect(refused.stderr).toContain('ollama serve');

    const unknownModel = await runCli([...base, '--api-key', KEY, '--model', 'gpt-9'], { home });
    expect(unknownModel.code).toBe(1);
    expect(unknownModel.stderr).toContain('does not offer the model "gpt-9"; it offers gpt-4o, gpt-4o-mini, o3-mini');

    const badBot = await runCli(
      [
        'setup',
        '--non-interactive',
        '--telegram-token',
        '987654321:AAHnotAKnownBotToken000000000000',
        '--telegram-api-root',
        tg.apiRoot,
      ],
      { home },
    );
    expect(badBot.code).toBe(1);
    expect(badBot.stderr).toContain('Telegram does not know this bot token (HTTP 401');
    expect(fs.existsSync(path.join(home, '.clawdbot/moltbot.json'))).toBe(false);
  });

  it('re-running shows the diff with secrets masked and changes existing settings only with --yes', async () => {
    const home = tempHome();
    const args = ['setup', '--non-interactive', '--provider', 'openai', '--base-url', openai.baseUrl, '--api-key', KEY];
    expect((await runCli([...args, '--model', 'gpt-4o-mini'], { home })).code).toBe(0);
    const first = configOf(home);
    const again = await runCli([...args, '--model', 'o3-mini'], { home });
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/-\s+"primary": "openai\/gpt-4o-mini"/);
    expect(again.stdout).toMatch(/\+\s+"primary": "openai\/o3-mini"/);
    expect(again.stderr).toContain('run again with --yes');
    expect(configOf(home)).toEqual(first);

    const yes = await runCli([...args, '--model', 'o3-mini', '--yes', '--reset-token'], { home });
    expect(yes.code).toBe(0);
    const after = configOf(home);
    expect(after.agents.defaults.model.primary).toBe('openai/o3-mini');
    expect(after.gateway.auth.token).not.toBe(first.gateway.auth.token);
    // The token line shows as changed, masked: never the old or the new token.
    expect(yes.stdout).toMatch(/-\s+"token": "••• \(43 chars, #[0-9a-f]{4}\)"/);
    for (const secret of [KEY, first.gateway.auth.token, after.gateway.auth.token])
      expect(yes.stdout).not.toContain(secret);
  });
  it('leaves a gateway on password auth on it (no token added, gateway.auth untouched)', async () => {
    const home = tempHome();
    const file = path.join(home, '.clawdbot/moltbot.json');
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, JSON.stringify({ gateway: { auth: { password: 'correct horse battery staple' } } }), {
      mode: 0o600,
    });
    const r = await runCli(['setup', '--non-interactive', '--skip-check', '--telegram-token', BOT_TOKEN], { home });
    expect(r.code).toBe(0);
    const config = configOf(home);
    expect(config.gateway.auth).toEqual({ password: 'correct horse battery staple' });
    expect(config.channels.telegram.botToken).toBe(BOT_TOKEN);
  });
});

describe('setup on a terminal (pseudo-terminal)', () => {
  it('OpenAI: a wrong key is explained and re-entered, the models listed, then a Telegram bot', async () => {
    const home = tempHome();
    const t = setupInPty(home, ['--base-url', openai.baseUrl, '--telegram-api-root', tg.apiRoot]);
    await t.waitFor('Which model provider should the assistant use?');
    t.press('enter'); // OpenAI, the first choice
    await t.waitFor('OpenAI API key');
    t.write('sk-wrong-key-000\r');
    await t.waitFor('openai refused the API key (HTTP 401');
    await t.waitFor('Enter the key again');
    t.press('enter');
    await t.waitFor(/OpenAI API key[^\n]*\n[^\n]*\n?[^\n]*$/);
    t.write(`${KEY}\r`);
    await t.waitFor('openai answered: 3 model(s)');
    await t.waitFor('Default model');
    expect(t.screen()).toContain('gpt-4o-mini');
    t.press('enter'); // gpt-4o-mini is preselected (the preset's preferred model)
    await t.waitFor('Connect a Telegram bot?');
    t.press('enter');
    await t.waitFor('Bot token from @BotFather');
    t.write('not-a-token\r');
    await t.waitFor('that does not look like a bot token');
    for (let i = 0; i < 11; i++) t.write('\x7f');
    t.write(`${BOT_TOKEN}\r`);
    await t.waitFor('The token belongs to @molt_test_bot');
    await t.waitFor('Who may talk to @molt_test_bot in private chats?');
    t.press('enter'); // pairing
    await t.waitFor('approve it here with:');
    await t.waitFor('Link WhatsApp');
    t.press('enter'); // no
    await t.waitFor('Install the gateway as a service');
    t.press('enter'); // no
    await t.waitFor('Next steps:');
    expect(await t.exited()).toBe(0);
    // The screen for docs/cli.md (rendered to PNG by scripts/render-terminal.mjs).
    fs.mkdirSync(path.join(REPO_ROOT, '.tmp'), { recursive: true });
    fs.writeFileSync(path.join(REPO_ROOT, '.tmp/setup-screen.txt'), `${t.screen()}\n`);
    const screen = t.screen();
    for (const secret of [KEY, BOT_TOKEN, 'sk-wrong-key-000']) expect(screen).not.toContain(secret);
    // The long refusal is broken between words and stays inside the guide column: every row of the
    // wizard starts with a clack symbol or the guide bar, none with the rest of a cut word.
    const rows = screen.split('\n');
    const wizardRows = rows.slice(
      0,
      rows.findIndex((r) => r.startsWith('✓ config')),
    );
    for (const row of wizardRows) expect(row).toMatch(/^(?:[┌│◇◆●▲■└├]|$)/);
    const warning = wizardRows.findIndex((r) => r.startsWith('▲  openai refused the API key'));
    const block = wizardRows.slice(warning, wizardRows.indexOf('│', warning));
    expect(block.length).toBeGreaterThan(1);
    expect(block.map((r) => r.slice(3).trimEnd()).join(' ')).toContain(
      'check the key you entered for openai — it may be mistyped, revoked, or for another provider',
    );
    expect(screen).toContain('pairing approve telegram <code>');
    const config = configOf(home);
    expect(config.agents.defaults.model.primary).toBe('openai/gpt-4o-mini');
    expect(config.models.providers.openai.apiKey).toBe(KEY);
    expect(config.channels.telegram).toMatchObject({ botToken: BOT_TOKEN, dmPolicy: 'pairing' });
  }, 90_000);

  it('Anthropic, then again on the same config: the diff is shown and confirmed before writing', async () => {
    const anthropic = await startFakeModelProvider({ apiKey: KEY, models: ['claude-sonnet-4-5', 'claude-haiku-4-5'] });
    try {
      const home = tempHome();
      const t = setupInPty(home, ['--base-url', anthropic.anthropicBaseUrl]);
      await t.waitFor('Which model provider should the assistant use?');
      t.press('down');
      t.press('enter');
      await t.waitFor('Anthropic API key');
      t.write(`${KEY}\r`);
      await t.waitFor('Default model');
      t.press('enter');
      await t.waitFor('Connect a Telegram bot?');
      t.write('n');
      await t.waitFor('Link WhatsApp');
      t.press('enter');
      await t.waitFor('Install the gateway as a service');
      t.press('enter');
      expect(await t.exited()).toBe(0);
      const models = anthropic.requests.filter((q) => q.path === '/v1/models');
      expect(models.at(-1)?.headers['x-api-key']).toBe(KEY);
      expect(models.at(-1)?.headers['anthropic-version']).toBeDefined();
      expect(configOf(home).models.providers.anthropic).toMatchObject({ api: 'anthropic-messages' });
      expect(configOf(home).agents.defaults.model.primary).toBe('anthropic/claude-sonnet-4-5');

      // Second run: pick the other model; the change is shown as a diff and written after "yes".
      const again = setupInPty(home, ['--base-url', anthropic.anthropicBaseUrl]);
      await again.waitFor('Keep anthropic/claude-sonnet-4-5');
      again.press('down');
      again.press('down');
      again.press('enter');
      await again.waitFor('Anthropic API key');
      again.write(`${KEY}\r`);
      await again.waitFor('Default model');
      again.press('up');
      again.press('enter');
      await again.waitFor('Telegram');
      again.write('n');
      await again.waitFor('Link WhatsApp');
      again.press('enter');
      await again.waitFor('Write these changes?');
      expect(again.screen()).toMatch(/-\s+"primary": "anthropic\/claude-sonnet-4-5"/);
      expect(again.screen()).toMatch(/\+\s+"primary": "anthropic\/claude-haiku-4-5"/);
      again.press('enter');
      await again.waitFor('Install the gateway as a service');
      again.press('enter');
      expect(await again.exited()).toBe(0);
      expect(configOf(home).agents.defaults.model.primary).toBe('anthropic/claude-haiku-4-5');
      expect(again.screen()).not.toContain(KEY);
    } finally {
      await anthropic.close();
    }
  }, 90_000);

  it('OpenRouter: its model list is public, a wrong key is caught by GET /key; the list is searched', async () => {
    const many = [...Array.from({ length: 20 }, (_, i) => `vendor/model-${i}`), 'anthropic/claude-sonnet-4.5'];
    const router = await startFakeModelProvider({ apiKey: KEY, models: many, publicModelList: true });
    try {
      const home = tempHome();
      const t = setupInPty(home, ['--base-url', router.baseUrl]);
      await t.waitFor('Which model provider should the assistant use?');
      t.press('down');
      t.press('down');
      t.press('enter');
      await t.waitFor('OpenRouter API key');
      t.write('sk-or-v1-wrong\r');
      await t.waitFor('openrouter refused the API key (HTTP 401');
      await t.waitFor('Enter the key again');
      t.press('enter');
      await t.waitFor(/OpenRouter API key[^\n]*\n[^\n]*\n?[^\n]*$/);
      t.write(`${KEY}\r`);
      await t.waitFor('openrouter answered: 21 model(s)');
      await t.waitFor('Default model');
      t.write('claude');
      await t.waitFor(/anthropic\/claude-sonnet-4\.5/);
      t.press('enter');
      await t.waitFor('Connect a Telegram bot?');
      t.write('n');
      await t.waitFor('Link WhatsApp');
      t.press('enter');
      await t.waitFor('Install the gateway as a service');
      t.press('enter');
      expect(await t.exited()).toBe(0);
      const keyChecks = router.requests.filter((q) => q.path === '/v1/key');
      expect(keyChecks.map((q) => q.headers.authorization)).toEqual(['Bearer sk-or-v1-wrong', `Bearer ${KEY}`]);
      const config = configOf(home);
      expect(config.agents.defaults.model.primary).toBe('openrouter/anthropic/claude-sonnet-4.5');
      expect(config.models.providers.openrouter).toMatchObject({ apiKey: KEY, api: 'openai-completions' });
      expect(t.screen()).not.toContain(KEY);
    } finally {
      await router.close();
    }
  }, 90_000);

  it('Ollama running: no key asked or sent, its models listed; Telegram with an allowlist', async () => {
    const ollama = await startFakeModelProvider({ apiKey: null, models: ['llama3.1:8b', 'qwen2.5:7b'] });
    try {
      const home = tempHome();
      const t = setupInPty(home, ['--telegram-api-root', tg.apiRoot]);
      await t.waitFor('Which model provider should the assistant use?');
      for (let i = 0; i < 3; i++) t.press('down');
      t.press('enter');
      await t.waitFor('Base URL of the OpenAI-compatible API');
      for (let i = 0; i < 30; i++) t.write('\x7f');
      t.write(`${ollama.baseUrl}\r`);
      await t.waitFor('ollama answered: 2 model(s)');
      t.press('down');
      t.press('enter'); // qwen2.5:7b
      await t.waitFor('Connect a Telegram bot?');
      t.press('enter');
      await t.waitFor('Bot token from @BotFather');
      t.write(`${BOT_TOKEN}\r`);
      await t.waitFor('Who may talk to @molt_test_bot in private chats?');
      t.press('down');
      t.press('enter'); // only people I list
      await t.waitFor('Your Telegram @username or numeric id');
      t.write('@alice, 1234567\r');
      await t.waitFor('Link WhatsApp');
      t.press('enter');
      await t.waitFor('Install the gateway as a service');
      t.press('enter');
      expect(await t.exited()).toBe(0);
      expect(t.screen()).not.toMatch(/API key/);
      const listed = ollama.requests.filter((q) => q.path === '/v1/models');
      expect(listed.length).toBeGreaterThan(0);
      for (const q of listed) expect(q.headers.authorization).toBeUndefined();
      const config = configOf(home);
      expect(config.models.providers.ollama).toEqual({
        baseUrl: ollama.baseUrl,
        api: 'openai-completions',
        models: [
          { id: 'llama3.1:8b', name: 'llama3.1:8b' },
          { id: 'qwen2.5:7b', name: 'qwen2.5:7b' },
        ],
      });
      expect(config.agents.defaults.model.primary).toBe('ollama/qwen2.5:7b');
      expect(config.channels.telegram).toMatchObject({ dmPolicy: 'allowlist', allowFrom: ['@alice', '1234567'] });
    } finally {
      await ollama.close();
    }
  }, 90_000);

  it('another OpenAI-compatible server: its URL, a name of your own and an optional key', async () => {
    const home = tempHome();
    const t = setupInPty(home);
    await t.waitFor('Which model provider should the assistant use?');
    for (let i = 0; i < 4; i++) t.press('down');
    t.press('enter');
    await t.waitFor('Base URL of the OpenAI-compatible API');
    for (let i = 0; i < 30; i++) t.write('\x7f');
    t.write(`${openai.baseUrl}\r`);
    await t.waitFor('A short name for it');
    for (let i = 0; i < 10; i++) t.write('\x7f');
    t.write('not a name\r');
    await t.waitFor('letters, digits, - or _');
    for (let i = 0; i < 10; i++) t.write('\x7f');
    t.write('vllm\r');
    await t.waitFor('API key (Enter for none)');
    t.write(`${KEY}\r`);
    await t.waitFor('vllm answered: 3 model(s)');
    t.press('enter'); // the first listed: gpt-4o
    await t.waitFor('Connect a Telegram bot?');
    t.write('n');
    await t.waitFor('Link WhatsApp');
    t.press('enter');
    await t.waitFor('Install the gateway as a service');
    t.press('enter');
    expect(await t.exited()).toBe(0);
    const config = configOf(home);
    expect(config.models.providers.vllm).toMatchObject({ baseUrl: openai.baseUrl, apiKey: KEY });
    expect(config.agents.defaults.model.primary).toBe('vllm/gpt-4o');
  }, 90_000);

  it('WhatsApp: turned on, the QR drawn in the terminal from the running gateway, waits until linked', async () => {
    // WhatsApp's servers are out of reach: the real kernel and plugin in this process, Baileys scripted.
    const fake = fakeSocketFactory();
    const gw = await startInProcessGateway({
      config: {},
      plugins: [
        { def: echoAgentPlugin().def },
        { def: deliveryPlugin },
        { def: whatsappPlugin(fake.factory), enabled: (root) => Boolean((root.channels as any)?.whatsapp?.enabled) },
      ],
    });
    try {
      const home = path.dirname(gw.paths.stateDir);
      const t = spawnInPty(
        process.execPath,
        [CLI, 'setup', '--url', `ws://127.0.0.1:${gw.port}`, '--token', gw.token, '--timeout', '60s'],
        { env: cliEnv(home), cols: 160, rows: 60 },
      );
      ptys.push(t);
      await skipToWhatsApp(t);
      t.write('y');
      await t.waitFor('Write these changes?');
      expect(t.screen()).toMatch(/\+\s+"whatsapp": \{/);
      t.press('enter');
      await t.waitFor('Linking WhatsApp');
      const sock = await fake.next(1, 20_000);
      sock.qr('2@SETUP-WIZARD-QR');
      await t.waitFor('Scan this QR code with WhatsApp');
      await t.waitFor(/[▄▀█]{8}/);
      sock.writeCreds();
      sock.open();
      await t.waitFor('WhatsApp linked.');
      await t.waitFor('Install the gateway as a service');
      t.press('enter');
      expect(await t.exited()).toBe(0);
      expect(t.screen()).toMatch(/whatsapp\s+linked/);
      expect(configOf(home).channels.whatsapp).toEqual({ enabled: true });
      const client = await gw.client();
      const status = await client.request<any>('channels.status');
      client.close();
      expect(status.channels.whatsapp.accounts[0]).toMatchObject({ linked: true });
    } finally {
      await gw.stop();
    }
  }, 90_000);

  it('"yes" to the service offer: the user unit written, exactly its systemctl commands run, and said', async () => {
    const home = tempHome();
    const runnerLog = path.join(home, 'service-runner.log');
    const t = spawnInPty(process.execPath, [CLI, 'setup'], {
      env: cliEnv(home, { MOLTBOT_SERVICE_RUNNER_LOG: runnerLog, MOLTBOT_SERVICE_PLATFORM: 'linux' }),
      cols: 160,
      rows: 40,
    });
    ptys.push(t);
    await skipToWhatsApp(t);
    t.press('enter');
    await t.waitFor('Install the gateway as a service');
    t.write('y');
    expect(await t.exited()).toBe(0);

    const unitPath = path.join(home, '.config/systemd/user/moltbot-gateway.service');
    expect(modeOf(unitPath)).toBe('644');
    const unit = fs.readFileSync(unitPath, 'utf8');
    expect(unit).toContain(`ExecStart=${process.execPath} ${path.join(REPO_ROOT, 'dist/bundle/moltbot.js')} gateway\n`);
    expect(unit).toContain('Environment=CLAWDBOT_SERVICE_MARKER=moltbot');
    expect(unit).toContain(`Environment=HOME=${home}`);
    expect(unit).toContain('Restart=on-failure');
    expect(unit).toContain('WantedBy=default.target');
    const token = configOf(home).gateway.auth.token as string;
    expect(unit).not.toContain(token);
    expect(runnerLines(runnerLog)).toEqual([
      'systemctl --user daemon-reload',
      'systemctl --user enable moltbot-gateway.service',
      'systemctl --user restart moltbot-gateway.service',
      expect.stringMatching(/^loginctl show-user \S+ --property=Linger$/),
    ]);
    const screen = t.screen();
    expect(screen).toContain(`installed moltbot-gateway.service (${unitPath}) and started it`);
    expect(screen).toContain('check it with: npx moltbot gateway status');
    expect(screen).toContain('enable lingering: sudo loginctl enable-linger');
    expect(screen).toMatch(/✓ service +moltbot-gateway\.service installed and started \(systemd user unit (\S+)\)/);
    expect(screen).toContain('(systemd user unit ~/.config/systemd/user/moltbot-gateway.service)');
    expect(screen).toMatch(/Next steps:\n {2}npx moltbot gateway status +check the service/);
    expect(screen).not.toContain('or run it as a service');
    expect(screen).not.toContain(token);
  }, 60_000);

  it('--install-service --json on macOS: the launchd agent written and bootstrapped; stdout is one JSON', async () => {
    const home = tempHome();
    const runnerLog = path.join(home, 'service-runner.log');
    const r = await runCli(['setup', '--non-interactive', '--install-service', '--json'], {
      home,
      env: { MOLTBOT_SERVICE_RUNNER_LOG: runnerLog, MOLTBOT_SERVICE_PLATFORM: 'darwin' },
    });
    expect(r.code).toBe(0);
    const plistPath = path.join(home, 'Library/LaunchAgents/bot.molt.gateway.plist');
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: true,
      serviceInstalled: true,
      service: { installed: true, name: 'bot.molt.gateway', file: plistPath, manager: 'launchd' },
    });
    expect(r.stderr).toContain('installed bot.molt.gateway');
    expect(modeOf(plistPath)).toBe('644');
    const plist = fs.readFileSync(plistPath, 'utf8');
    expect(plist).toContain('<key>Label</key>\n    <string>bot.molt.gateway</string>');
    expect(plist).toContain(
      `<string>${path.join(REPO_ROOT, 'dist/bundle/moltbot.js')}</string>\n` +
        '      <string>gateway</string>\n    </array>',
    );
    expect(plist).not.toContain(configOf(home).gateway.auth.token);
    const uid = process.getuid!();
    expect(runnerLines(runnerLog)).toEqual([
      `launchctl bootout gui/${uid}/bot.molt.gateway`,
      `launchctl bootstrap gui/${uid} ${plistPath}`,
      `launchctl enable gui/${uid}/bot.molt.gateway`,
      `launchctl kickstart -k gui/${uid}/bot.molt.gateway`,
    ]);
  });

  it('a service manager that fails: setup keeps the config, says the service is not installed, exits 1', async () => {
    const home = tempHome();
    // A systemctl of our own, first on PATH, that fails as one does without a user bus.
    const bin = path.join(home, 'fake-bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(
      path.join(bin, 'systemctl'),
      '#!/bin/sh\necho "Failed to connect to bus: No medium found" >&2\nexit 1\n',
      {
        mode: 0o755,
      },
    );
    const r = await runCli(['setup', '--non-interactive', '--install-service'], {
      home,
      env: { MOLTBOT_SERVICE_PLATFORM: 'linux', PATH: `${bin}${path.delimiter}${process.env.PATH}` },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'systemctl --user daemon-reload failed (exit 1): Failed to connect to bus: No medium found',
    );
    expect(r.stdout).toMatch(/✗ service +moltbot-gateway\.service not installed \(the error above says why\)/);
    expect(r.stdout).toContain('try again with npx moltbot gateway install');
    expect(r.stdout).toContain('or run it as a service');
    expect(configOf(home).gateway.auth.token).toBeDefined();
  });

  it('Ollama that is not running: says so; Ctrl-C ends setup without writing', async () => {
    const home = tempHome();
    const deadPort = await freePort();
    const t = setupInPty(home);
    await t.waitFor('Which model provider should the assistant use?');
    for (let i = 0; i < 3; i++) t.press('down');
    t.press('enter');
    await t.waitFor('Base URL of the OpenAI-compatible API');
    for (let i = 0; i < 30; i++) t.write('\x7f');
    t.write(`http://127.0.0.1:${deadPort}/v1\r`);
    await t.waitFor('(connection refused): is the server running? Start it with "ollama serve".');
    await t.waitFor('What now?');
    t.press('ctrlC');
    await t.waitFor('Setup cancelled: nothing was written.');
    expect(await t.exited()).toBe(1);
    expect(fs.existsSync(path.join(home, '.clawdbot/moltbot.json'))).toBe(false);
  }, 60_000);
});
