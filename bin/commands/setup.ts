import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'clipanion';
import * as t from 'typanion';
import { generateToken } from '../../kernel/auth/shared-secret.js';
import { readConfigFile, serializeConfig, writeFileAtomic } from '../../kernel/config/config-file.js';
import { getPath, type JsonObject, setPath } from '../../kernel/config/object-path.js';
import { MoltbotCommand } from '../cli/base-command.js';
import { CliError } from '../cli/cli-error.js';
import { assertValid } from '../cli/config-edit.js';
import { Prompter } from '../cli/prompt.js';

const PROVIDER_APIS = ['openai-completions', 'anthropic-messages'] as const;

export class SetupCommand extends MoltbotCommand {
  static override paths = [['setup']];
  static override usage = Command.Usage({
    category: 'Setup',
    description:
      'First run: state dir, config with a generated gateway token, workspace; optional channel and model settings.',
    details: `
      Creates the profile's state dir (0700) with logs/ and credentials/, the config moltbot.json
      (0600) with a generated gateway token (43 chars), and the workspace folder (~/clawd,
      --dev ~/clawd-dev). Safe to run again: an existing token is kept unless --reset-token.
      On a terminal it asks for a Telegram bot token and a model provider; --non-interactive
      (or no TTY) takes them from flags only. WhatsApp linking: "moltbot channels login".
    `,
    examples: [
      ['Interactive first run', 'moltbot setup'],
      [
        'Scripted, with an OpenAI-compatible provider',
        'moltbot setup --non-interactive --provider openai --provider-base-url https://api.openai.com/v1 ' +
          '--provider-api-key "$OPENAI_API_KEY" --model gpt-4o-mini',
      ],
      ['A separate dev profile', 'moltbot --dev setup --non-interactive'],
      ['Replace the gateway token', 'moltbot setup --non-interactive --reset-token'],
    ],
  });

  nonInteractive = Option.Boolean('--non-interactive', false, { description: 'Never prompt; use flags and defaults' });
  resetToken = Option.Boolean('--reset-token', false, {
    description: 'Replace an existing gateway token with a new one',
  });
  port = Option.String('--port', {
    description: 'Store gateway.port',
    validator: t.cascade(t.isNumber(), [t.isInteger(), t.isInInclusiveRange(1, 65535)]),
  });
  workspace = Option.String('--workspace', { description: 'Workspace folder (default ~/clawd, per profile)' });
  telegramToken = Option.String('--telegram-token', { description: 'Telegram bot token (channels.telegram.botToken)' });
  provider = Option.String('--provider', { description: 'Model provider name (models.providers.<name>)' });
  providerBaseUrl = Option.String('--provider-base-url', { description: 'Provider base URL' });
  providerApiKey = Option.String('--provider-api-key', { description: 'Provider API key' });
  providerApi = Option.String('--provider-api', { description: 'openai-completions (default) or anthropic-messages' });
  model = Option.String('--model', {
    description: 'Model id; becomes agents.defaults.model.primary "<provider>/<model>"',
  });
  json = Option.Boolean('--json', false, { description: 'Print what was done as JSON' });

  override wantsJson(): boolean {
    return this.json;
  }

  async run(): Promise<void> {
    const paths = this.gatewayPaths();
    const snapshot = readConfigFile(paths.configPath);
    let config: JsonObject = snapshot.config;
    const created: string[] = [];
    const ensureDir = (dir: string) => {
      if (!fs.existsSync(dir)) created.push(dir);
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fs.chmodSync(dir, 0o700);
    };
    const interactive =
      !this.nonInteractive &&
      (this.context.stdin as { isTTY?: boolean }).isTTY === true &&
      (this.context.stdout as { isTTY?: boolean }).isTTY === true;
    const answers = interactive ? await this.ask(config) : this.fromFlags();

    const hadToken = typeof getPath(config, 'gateway.auth.token') === 'string';
    const tokenGenerated = !hadToken || this.resetToken;
    if (tokenGenerated) config = setPath(config, 'gateway.auth.token', generateToken());
    if (getPath(config, 'gateway.auth.mode') === undefined) config = setPath(config, 'gateway.auth.mode', 'token');
    if (this.port !== undefined) config = setPath(config, 'gateway.port', this.port);
    const workspace = path.resolve(
      this.workspace ?? (getPath(config, 'agents.defaults.workspace') as string | undefined) ?? paths.workspaceDir,
    );
    if (this.workspace !== undefined) config = setPath(config, 'agents.defaults.workspace', workspace);
    if (answers.telegramToken)
      config = setPath(config, 'channels.telegram', {
        ...((getPath(config, 'channels.telegram') as JsonObject) ?? {}),
        enabled: true,
        botToken: answers.telegramToken,
      });
    if (answers.provider) {
      const p = answers.provider;
      if (!PROVIDER_APIS.includes(p.api as (typeof PROVIDER_APIS)[number])) {
        throw new CliError(
          'GW_ERR_CLI_INVALID_VALUE',
          `--provider-api "${p.api}" is not supported: use ${PROVIDER_APIS.join(' or ')}`,
        );
      }
      if (!/^https?:\/\//.test(p.baseUrl))
        throw new CliError(
          'GW_ERR_CLI_INVALID_VALUE',
          `--provider-base-url "${p.baseUrl}" must be an http(s) URL, e.g. https://api.openai.com/v1`,
        );
      config = setPath(config, `models.providers.${p.name}`, {
        baseUrl: p.baseUrl,
        ...(p.apiKey ? { apiKey: p.apiKey } : {}),
        api: p.api,
        models: [{ id: p.model, name: p.model }],
      });
      config = setPath(config, 'agents.defaults.model.primary', `${p.name}/${p.model}`);
    }
    await assertValid(config, paths.configPath);

    ensureDir(paths.stateDir);
    ensureDir(paths.logDir);
    ensureDir(paths.credentialsDir);
    ensureDir(workspace);
    writeFileAtomic(paths.configPath, serializeConfig(config));
    const profileFlag = paths.profile === 'dev' ? ' --dev' : paths.profile ? ` --profile ${paths.profile}` : '';
    const result = {
      ok: true,
      profile: paths.profile ?? 'default',
      stateDir: paths.stateDir,
      configPath: paths.configPath,
      workspaceDir: workspace,
      configCreated: !snapshot.exists,
      tokenGenerated,
      created,
    };
    if (this.json) {
      this.printJson(result);
      return;
    }
    const s = this.style;
    this.out(`${s.green('✓')} state dir  ${paths.stateDir}`);
    this.out(`${s.green('✓')} config     ${paths.configPath}${snapshot.exists ? ' (updated)' : ' (created)'}`);
    const tokenOutcome = !tokenGenerated
      ? 'kept (use --reset-token to replace it)'
      : hadToken
        ? 'replaced with a new one (clients need the new token)'
        : 'generated';
    this.out(`${s.green('✓')} token      ${tokenOutcome}`);
    this.out(`${s.green('✓')} workspace  ${workspace}`);
    this.out('');
    this.out('Next steps:');
    this.out(`  moltbot${profileFlag} gateway            run the gateway in the foreground`);
    this.out(`  moltbot${profileFlag} gateway install    or run it as a service`);
    this.out(`  moltbot${profileFlag} status             see what runs`);
    this.out(`  moltbot${profileFlag} config get gateway.auth.token --show-secrets   the token clients need`);
    if (!answers.telegramToken && getPath(config, 'channels.telegram') === undefined)
      this.out(`  moltbot${profileFlag} config set channels.telegram.botToken <token>   connect Telegram`);
    this.out(`  moltbot${profileFlag} channels login --channel whatsapp   link WhatsApp (QR)`);
  }

  private fromFlags(): {
    telegramToken?: string;
    provider?: { name: string; baseUrl: string; apiKey?: string; api: string; model: string };
  } {
    const anyProvider = this.provider ?? this.providerBaseUrl ?? this.providerApiKey ?? this.model;
    if (anyProvider !== undefined && (!this.provider || !this.providerBaseUrl || !this.model)) {
      throw new CliError(
        'GW_ERR_CLI_INVALID_VALUE',
        'a model provider needs --provider <name>, --provider-base-url <url> and --model <id> together ' +
          '(--provider-api-key and --provider-api are optional)',
      );
    }
    if (this.provider !== undefined && !/^[a-z0-9][a-z0-9_-]*$/i.test(this.provider))
      throw new CliError('GW_ERR_CLI_INVALID_VALUE', `--provider "${this.provider}" must be letters, digits, - or _`);
    return {
      telegramToken: this.telegramToken,
      provider: this.provider
        ? {
            name: this.provider,
            baseUrl: this.providerBaseUrl!,
            apiKey: this.providerApiKey,
            api: this.providerApi ?? 'openai-completions',
            model: this.model!,
          }
        : undefined,
    };
  }

  private async ask(config: JsonObject): Promise<ReturnType<SetupCommand['fromFlags']>> {
    const flags = this.fromFlags();
    const p = new Prompter(this.context.stdin, this.context.stdout);
    try {
      const telegramToken =
        flags.telegramToken ??
        ((await p.ask(
          'Telegram bot token (from @BotFather; empty to skip)',
          (getPath(config, 'channels.telegram.botToken') as string) ?? '',
        )) ||
          undefined);
      if (flags.provider) return { telegramToken, provider: flags.provider };
      const kind = await p.choose('Model provider', ['none', 'openai', 'anthropic', 'other'] as const, 'none');
      if (kind === 'none') return { telegramToken };
      const api = kind === 'anthropic' ? 'anthropic-messages' : 'openai-completions';
      const name = kind === 'other' ? await p.ask('Provider name', 'local') : kind;
      const baseUrl = await p.ask(
        'Base URL',
        kind === 'openai'
          ? 'https://api.openai.com/v1'
          : kind === 'anthropic'
            ? 'https://api.anthropic.com'
            : 'http://127.0.0.1:11434/v1',
      );
      const apiKey = (await p.ask('API key (empty for none)')) || undefined;
      const model = await p.ask(
        'Model id',
        kind === 'openai' ? 'gpt-4o-mini' : kind === 'anthropic' ? 'claude-sonnet-4-5' : 'llama3.1',
      );
      return { telegramToken, provider: { name, baseUrl, apiKey, api, model } };
    } finally {
      p.close();
    }
  }
}
