import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'clipanion';
import * as t from 'typanion';
import { generateToken } from '../../kernel/auth/shared-secret.js';
import { profileFlag } from '../../kernel/cli-command.js';
import { readConfigFile, serializeConfig, writeFileAtomic } from '../../kernel/config/config-file.js';
import { getPath, type JsonObject, setPath } from '../../kernel/config/object-path.js';
import type { GatewayPaths } from '../../kernel/paths.js';
import { tildePath } from '../../kernel/ready-block.js';
import { ensureWorkspace } from '../../plugins/agent/workspace-files.js';
import { CliError } from '../cli/cli-error.js';
import { assertValid } from '../cli/config-edit.js';
import { ExitCode } from '../cli/exit-codes.js';
import { GatewayCommand } from '../cli/gateway-command.js';
import { buildServiceSpec } from '../service/service-spec.js';
import { configDiff } from '../setup/config-diff.js';
import { listProviderModels, type ProviderEndpoint } from '../setup/provider-check.js';
import { presetById } from '../setup/provider-presets.js';
import { applyChoices, DM_POLICIES, type SetupChoices } from '../setup/setup-choices.js';
import { checkTelegramToken, telegramTokenShape } from '../setup/telegram-check.js';

/** What the service step at the end of setup did (also the `service` field of `setup --json`). */
interface SetupServiceOutcome {
  installed: boolean;
  /** systemd unit name or launchd label. */
  name: string;
  /** The unit file or plist. */
  file: string;
  manager: 'systemd' | 'launchd';
}

const PROVIDER_APIS = ['openai-completions', 'anthropic-messages'] as const;

export class SetupCommand extends GatewayCommand {
  static override paths = [['setup']];
  static override usage = Command.Usage({
    category: 'Setup',
    description: 'Set up or change the gateway: a model provider, Telegram, WhatsApp, the service.',
    details: `
      Creates the profile's state dir (0700), the config moltbot.json (0600) with a generated
      gateway token, and the workspace (~/clawd) with AGENTS.md and HEARTBEAT.md. On a terminal it
      asks for a model provider (OpenAI, Anthropic, OpenRouter, Ollama or any OpenAI-compatible
      URL; the key is checked by listing the models), a Telegram bot (the token checked with
      getMe) and WhatsApp (the QR code shown right here, through the running gateway), then shows
      what changes in the config and asks before writing. At the end it offers to install the
      gateway as a service.

      --non-interactive (or no TTY) takes everything from flags and never prompts. Changing a
      setting that is already there needs --yes. Running setup again edits the existing config;
      an existing gateway token is kept unless --reset-token.
    `,
    examples: [
      ['Interactive (first run or later changes)', 'moltbot setup'],
      [
        'Scripted, OpenAI with a checked key',
        'moltbot setup --non-interactive --provider openai --api-key "$OPENAI_API_KEY" --model gpt-4o-mini',
      ],
      [
        'A local OpenAI-compatible server and a Telegram bot',
        'moltbot setup --non-interactive --provider ollama --model llama3.1 --telegram-token "$BOT_TOKEN"',
      ],
      ['A separate dev profile', 'moltbot --dev setup --non-interactive'],
      ['Replace the gateway token', 'moltbot setup --non-interactive --reset-token --yes'],
    ],
  });

  nonInteractive = Option.Boolean('--non-interactive', false, { description: 'Never prompt; use flags and defaults' });
  yes = Option.Boolean('--yes,-y', false, {
    description: 'Write changes to existing settings without asking (needed with --non-interactive)',
  });
  resetToken = Option.Boolean('--reset-token', false, {
    description: 'Replace an existing gateway token with a new one',
  });
  port = Option.String('--port', {
    description: 'Store gateway.port',
    validator: t.cascade(t.isNumber(), [t.isInteger(), t.isInInclusiveRange(1, 65535)]),
  });
  workspace = Option.String('--workspace', { description: 'Workspace folder (default ~/clawd, per profile)' });
  provider = Option.String('--provider', {
    description: 'openai, anthropic, openrouter, ollama, or a name of your own with --base-url',
  });
  providerBaseUrl = Option.String('--base-url,--provider-base-url', {
    description: "The provider's API base URL (default: the provider's own)",
  });
  providerApiKey = Option.String('--api-key,--provider-api-key', { description: 'The provider API key' });
  providerApi = Option.String('--provider-api', { description: 'openai-completions (default) or anthropic-messages' });
  model = Option.String('--model', {
    description: 'Default model id; becomes agents.defaults.model.primary "<provider>/<model>"',
  });
  skipCheck = Option.Boolean('--skip-check', false, {
    description: 'Store the provider key and Telegram token without checking them (offline)',
  });
  telegramToken = Option.String('--telegram-token', { description: 'Telegram bot token (checked with getMe)' });
  telegramApiRoot = Option.String('--telegram-api-root', {
    description: 'A self-hosted Telegram Bot API server (channels.telegram.apiRoot)',
  });
  dmPolicy = Option.String('--dm-policy', {
    description: 'Telegram private chats: pairing (default), allowlist, open',
  });
  allowFrom = Option.Array('--allow-from', { description: 'Telegram @username or id allowed to chat (repeatable)' });
  whatsapp = Option.Boolean('--whatsapp', false, {
    description: 'Turn WhatsApp on and link it (QR code) through the running gateway',
  });
  installService = Option.Boolean('--install-service', false, {
    description: 'Install the gateway as a service at the end (the interactive run asks)',
  });

  async run(): Promise<number> {
    const paths = this.gatewayPaths();
    const snapshot = readConfigFile(paths.configPath);
    const before: JsonObject = snapshot.config;
    const interactive =
      !this.nonInteractive &&
      (this.context.stdin as { isTTY?: boolean }).isTTY === true &&
      (this.context.stdout as { isTTY?: boolean }).isTTY === true;
    // Loaded only for the wizard: every CLI command imports this file.
    const p = interactive ? await import('@clack/prompts') : undefined;
    const { fitToTerminal } = interactive ? await import('../setup/wizard-text.js') : { fitToTerminal: undefined };
    const common = { input: this.context.stdin as never, output: this.context.stdout as never };
    if (p) {
      p.intro(`Moltbot setup${paths.profile ? ` (profile ${paths.profile})` : ''}`);
      p.log.info(
        fitToTerminal!(
          snapshot.exists
            ? `Editing ${tildePath(paths.configPath)}: you will see every change before it is written.`
            : `A new config goes to ${tildePath(paths.configPath)}.`,
          this.context.stdout as { columns?: number },
        ),
        { output: common.output },
      );
    }
    const choices = p
      ? await (await import('../setup/setup-wizard.js')).runSetupWizard(
          before,
          {
            input: this.context.stdin,
            output: this.context.stdout,
            hint: (args) => this.hint(args),
            gatewayRunning: () => this.gatewayAnswers(),
          },
          { telegramApiRoot: this.telegramApiRoot, baseUrl: this.providerBaseUrl },
        )
      : await this.choicesFromFlags(before);

    let after = applyChoices(before, choices);
    const hadToken = typeof getPath(after, 'gateway.auth.token') === 'string';
    // A gateway on password auth keeps it: no token is added beside the password.
    const mode = getPath(after, 'gateway.auth.mode');
    const onPassword =
      mode === 'password' ||
      (mode === undefined && !hadToken && typeof getPath(after, 'gateway.auth.password') === 'string');
    const tokenGenerated = (!hadToken && !onPassword) || this.resetToken;
    if (tokenGenerated) after = setPath(after, 'gateway.auth.token', generateToken());
    // Only beside a token setup made: touching gateway.auth of a running gateway restarts it.
    if (tokenGenerated && mode === undefined) after = setPath(after, 'gateway.auth.mode', 'token');
    if (this.port !== undefined) after = setPath(after, 'gateway.port', this.port);
    const workspace = path.resolve(
      this.workspace ?? (getPath(after, 'agents.defaults.workspace') as string | undefined) ?? paths.workspaceDir,
    );
    if (this.workspace !== undefined) after = setPath(after, 'agents.defaults.workspace', workspace);
    await assertValid(after, paths.configPath);

    const diff = snapshot.exists ? configDiff(before, after) : [];
    // --reset-token asks for its own change; any other change to a setting already there needs --yes.
    const beforeToken = getPath(before, 'gateway.auth.token');
    const checked =
      this.resetToken && typeof beforeToken === 'string' ? setPath(after, 'gateway.auth.token', beforeToken) : after;
    const changesExisting = snapshot.exists && configDiff(before, checked).some((l) => l.startsWith('-'));
    if (diff.length && !this.json) {
      const s = this.style;
      const shown = diff.map((l) => (l.startsWith('+') ? s.green(l) : l.startsWith('-') ? s.red(l) : s.dim(l)));
      if (p) p.note(shown.join('\n'), `Changes to ${tildePath(paths.configPath)}`);
      else {
        this.out(`Changes to ${paths.configPath}:`);
        for (const l of shown) this.out(`  ${l}`);
      }
    }
    if (p && diff.length && !this.yes) {
      const ok = await p.confirm({ ...common, message: 'Write these changes?', initialValue: true });
      if (p.isCancel(ok) || !ok) {
        p.cancel('Nothing was written.');
        return 1;
      }
    } else if (!p && changesExisting && !this.yes) {
      throw new CliError(
        'GW_ERR_CLI_CANCELLED',
        `this would change settings already in ${paths.configPath} (the lines marked - above): nothing was ` +
          'written; run again with --yes to write them',
      );
    }

    const created: string[] = [];
    for (const dir of [paths.stateDir, paths.logDir, paths.credentialsDir]) {
      if (!fs.existsSync(dir)) created.push(dir);
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fs.chmodSync(dir, 0o700);
    }
    const wroteConfig = !snapshot.exists || diff.length > 0;
    if (wroteConfig) writeFileAtomic(paths.configPath, serializeConfig(after));
    created.push(...ensureWorkspace(workspace));

    let whatsappLinked: boolean | undefined;
    if (choices.whatsapp) whatsappLinked = await this.linkWhatsApp(Boolean(p));

    const result = {
      ok: true,
      profile: paths.profile ?? 'default',
      stateDir: paths.stateDir,
      configPath: paths.configPath,
      workspaceDir: workspace,
      configCreated: !snapshot.exists,
      configChanged: wroteConfig,
      tokenGenerated,
      created,
      provider: choices.provider ? `${choices.provider.name}/${choices.provider.model}` : undefined,
      telegram: choices.telegram ? { username: choices.telegram.username } : undefined,
      whatsapp: choices.whatsapp ? { linked: whatsappLinked === true } : undefined,
    };
    const offerService =
      this.installService ||
      (p !== undefined &&
        !this.yes &&
        (await p.confirm({
          ...common,
          message: 'Install the gateway as a service (starts at login, restarts after a crash)?',
          initialValue: false,
        })) === true);
    const service = offerService ? await this.runGatewayInstall(paths) : undefined;
    if (this.json) {
      this.printJson({ ...result, serviceInstalled: service?.installed === true, service });
    } else this.summary(result, tokenGenerated && hadToken, service, p !== undefined);
    // The config is written either way; a service that was asked for and not installed is a failure.
    return service && !service.installed ? ExitCode.failure : ExitCode.ok;
  }

  /**
   * `gateway install` itself (same checks, the one service runner), so setup and the command can
   * never differ; with --json its lines go to stderr and stdout stays one JSON document.
   */
  private async runGatewayInstall(paths: GatewayPaths): Promise<SetupServiceOutcome> {
    const profile = profileFlag(paths.profile).split(' ').filter(Boolean);
    const context = this.json ? { stdout: this.context.stderr } : {};
    const code = await this.cli.run([...profile, 'gateway', 'install'], context);
    const spec = buildServiceSpec({ paths, env: process.env });
    return {
      installed: code === 0,
      name: spec.name,
      file: spec.file,
      manager: spec.platform === 'linux' ? 'systemd' : 'launchd',
    };
  }

  private summary(
    r: { configPath: string; workspaceDir: string; configCreated: boolean; configChanged: boolean } & Record<
      string,
      unknown
    >,
    tokenReplaced: boolean,
    service: SetupServiceOutcome | undefined,
    interactive: boolean,
  ): void {
    const s = this.style;
    const tick = s.green('✓');
    this.out(
      `${tick} config     ${tildePath(r.configPath)} ${
        r.configCreated ? '(created)' : r.configChanged ? '(updated)' : '(unchanged)'
      }`,
    );
    this.out(
      `${tick} token      ${
        r.tokenGenerated ? (tokenReplaced ? 'replaced (clients need the new one)' : 'generated') : 'kept'
      } (gateway.auth.token; show it with ${this.hint('config get gateway.auth.token --show-secrets')})`,
    );
    this.out(`${tick} workspace  ${tildePath(r.workspaceDir)} (AGENTS.md, HEARTBEAT.md)`);
    if (r.provider) this.out(`${tick} model      ${r.provider}`);
    const tg = r.telegram as { username?: string } | undefined;
    if (tg) this.out(`${tick} telegram   @${tg.username ?? 'bot'} (token checked)`);
    const wa = r.whatsapp as { linked: boolean } | undefined;
    if (wa) this.out(`${wa.linked ? tick : s.yellow('…')} whatsapp   ${wa.linked ? 'linked' : 'on, not linked yet'}`);
    if (service?.installed)
      this.out(
        `${tick} service    ${service.name} installed and started (${
          service.manager === 'systemd' ? 'systemd user unit' : 'launchd agent'
        } ${tildePath(service.file)})`,
      );
    else if (service)
      this.out(
        `${s.red('✗')} service    ${service.name} not installed (the error above says why); ` +
          `try again with ${this.hint('gateway install')}`,
      );
    this.out('');
    this.out('Next steps:');
    if (service?.installed) this.out(`  ${this.hint('gateway status')}     check the service`);
    else {
      this.out(`  ${this.hint('gateway')}            run the gateway in the foreground`);
      this.out(`  ${this.hint('gateway install')}    or run it as a service`);
    }
    this.out(`  ${this.hint('dashboard')}          open the web dashboard, signed in`);
    if (r.provider) this.out(`  ${this.hint('tui')}                chat with the agent in this terminal`);
    if (tg)
      this.out(
        `  message @${tg.username} on Telegram; approve the code: ${this.hint('pairing approve telegram <code>')}`,
      );
    if (wa && !wa.linked) this.out(`  ${this.hint('channels login --channel whatsapp')}   link WhatsApp (QR)`);
    if (!interactive && !r.provider && !tg)
      this.out(`  ${this.hint('setup')}              connect a model and a channel`);
  }

  /** Flags → choices, with the same checks the wizard makes (a failed check writes nothing). */
  private async choicesFromFlags(config: JsonObject): Promise<SetupChoices> {
    const choices: SetupChoices = {};
    const anyProvider = this.provider ?? this.providerBaseUrl ?? this.providerApiKey ?? this.model;
    if (anyProvider !== undefined) {
      if (!this.provider)
        throw new CliError(
          'GW_ERR_CLI_INVALID_VALUE',
          'a model provider needs --provider (openai, anthropic, openrouter, ollama, or a name with --base-url)',
        );
      if (!/^[a-z0-9][a-z0-9_-]*$/i.test(this.provider))
        throw new CliError('GW_ERR_CLI_INVALID_VALUE', `--provider "${this.provider}" must be letters, digits, - or _`);
      const preset = presetById(this.provider);
      const baseUrl = this.providerBaseUrl ?? preset?.baseUrl;
      if (!baseUrl)
        throw new CliError(
          'GW_ERR_CLI_INVALID_VALUE',
          `--provider "${this.provider}" is not one setup knows (openai, anthropic, openrouter, ollama): give its ` +
            '--provider-base-url (--base-url) too',
        );
      if (!/^https?:\/\//.test(baseUrl))
        throw new CliError(
          'GW_ERR_CLI_INVALID_VALUE',
          `--provider-base-url "${baseUrl}" must be an http(s) URL, e.g. https://api.openai.com/v1`,
        );
      const api = this.providerApi ?? preset?.api ?? 'openai-completions';
      if (!PROVIDER_APIS.includes(api as (typeof PROVIDER_APIS)[number]))
        throw new CliError(
          'GW_ERR_CLI_INVALID_VALUE',
          `--provider-api "${api}" is not supported: use ${PROVIDER_APIS.join(' or ')}`,
        );
      if (preset?.needsKey && !this.providerApiKey)
        throw new CliError('GW_ERR_CLI_INVALID_VALUE', `--provider ${this.provider} needs --api-key`);
      const endpoint: ProviderEndpoint = {
        name: this.provider,
        api: api as ProviderEndpoint['api'],
        baseUrl,
        apiKey: this.providerApiKey,
        ...(preset?.keyCheckPath ? { keyCheckPath: preset.keyCheckPath } : {}),
      };
      let models: string[] = [];
      if (!this.skipCheck) {
        const check = await listProviderModels(endpoint);
        if (!check.ok) throw new CliError('GW_ERR_CLI_CHECK_FAILED', `${check.problem} (nothing was written)`);
        models = check.models;
      }
      const preferred = preset?.preferredModel && models.includes(preset.preferredModel) ? preset.preferredModel : '';
      const model = this.model ?? preferred;
      if (!model)
        throw new CliError(
          'GW_ERR_CLI_INVALID_VALUE',
          `--model is needed: ${this.provider} offers ${models.slice(0, 8).join(', ') || 'no listed models'}` +
            (models.length > 8 ? ` and ${models.length - 8} more` : ''),
        );
      if (models.length > 0 && !models.includes(model))
        throw new CliError(
          'GW_ERR_CLI_CHECK_FAILED',
          `${this.provider} does not offer the model "${model}"; it offers ${models.slice(0, 8).join(', ')}` +
            (models.length > 8 ? ` and ${models.length - 8} more` : '') +
            ' (nothing was written)',
        );
      choices.provider = { ...endpoint, model, models };
    }
    if (this.telegramToken !== undefined) {
      const token = this.telegramToken.trim();
      const dmPolicy = this.dmPolicy as (typeof DM_POLICIES)[number] | undefined;
      if (dmPolicy !== undefined && !DM_POLICIES.includes(dmPolicy))
        throw new CliError('GW_ERR_CLI_INVALID_VALUE', `--dm-policy "${dmPolicy}": use ${DM_POLICIES.join(', ')}`);
      if (dmPolicy === 'allowlist' && !this.allowFrom?.length)
        throw new CliError('GW_ERR_CLI_INVALID_VALUE', '--dm-policy allowlist needs --allow-from <@username or id>');
      let username: string | undefined;
      if (!this.skipCheck) {
        const shape = telegramTokenShape(token);
        if (shape) throw new CliError('GW_ERR_CLI_INVALID_VALUE', `--telegram-token: ${shape}`);
        const apiRoot = this.telegramApiRoot ?? (getPath(config, 'channels.telegram.apiRoot') as string | undefined);
        const check = await checkTelegramToken(token, apiRoot);
        if (!check.ok)
          throw new CliError('GW_ERR_CLI_CHECK_FAILED', `--telegram-token: ${check.problem} (nothing was written)`);
        username = check.username;
      }
      choices.telegram = { token, apiRoot: this.telegramApiRoot, dmPolicy, allowFrom: this.allowFrom, username };
    } else if (this.dmPolicy || this.allowFrom)
      throw new CliError('GW_ERR_CLI_INVALID_VALUE', '--dm-policy and --allow-from go with --telegram-token');
    if (this.whatsapp) choices.whatsapp = true;
    return choices;
  }

  private async gatewayAnswers(): Promise<boolean> {
    try {
      const { GatewayClient } = await import('../../sdk/client/gateway-client.js');
      const target = this.target();
      const c = await GatewayClient.connect({ ...target, clientId: 'cli', clientMode: 'cli', timeoutMs: 2500 });
      c.close();
      return true;
    } catch {
      return false;
    }
  }

  /** WhatsApp is on in the config now; the running gateway loads the plugin, then shows the QR. */
  private async linkWhatsApp(interactive: boolean): Promise<boolean> {
    if (!(await this.gatewayAnswers())) {
      this.err(`WhatsApp is on; link it once the gateway runs: ${this.hint('channels login --channel whatsapp')}`);
      return false;
    }
    const { linkChannel } = await import('../cli/channel-link.js');
    const client = await this.connect();
    try {
      // The gateway picks the config edit up by itself; until the plugin is loaded, login says NOT_FOUND.
      const deadline = Date.now() + 20_000;
      this.out(interactive ? 'Linking WhatsApp: open WhatsApp on your phone…' : 'Linking WhatsApp…');
      for (;;) {
        try {
          const outcome = await linkChannel(client, {
            channel: 'whatsapp',
            timeoutMs: this.timeoutMs(180_000),
            print: (text) => this.out(text),
          });
          this.out(outcome.linked ? 'WhatsApp linked.' : `WhatsApp not linked yet: ${outcome.message ?? 'no scan'}`);
          return outcome.linked;
        } catch (err) {
          const code = (err as { error?: { code?: string } }).error?.code;
          if (code !== 'NOT_FOUND' || Date.now() > deadline) throw err;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    } finally {
      client.close();
    }
  }
}
