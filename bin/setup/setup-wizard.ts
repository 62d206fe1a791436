import * as p from '@clack/prompts';
import { getPath, type JsonObject } from '../../kernel/config/object-path.js';
import { CliError } from '../cli/cli-error.js';
import { listProviderModels, type ProviderEndpoint } from './provider-check.js';
import { PROVIDER_PRESETS, type ProviderPreset } from './provider-presets.js';
import type { DM_POLICIES, SetupChoices } from './setup-choices.js';
import { checkTelegramToken, TELEGRAM_API_ROOT, telegramTokenShape } from './telegram-check.js';
import { fitSpinnerText, fitToTerminal } from './wizard-text.js';

export interface WizardIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** `npx moltbot …` etc. (ProfileCommand.hint). */
  hint(args: string): string;
  /** Whether a gateway answers for this profile (WhatsApp links through it). */
  gatewayRunning(): Promise<boolean>;
}

const SKIP = '__skip__';

/** Ctrl-C / Esc in any prompt ends setup without writing anything. */
function answered<T>(value: T): Exclude<T, symbol> {
  if (p.isCancel(value)) {
    p.cancel('Setup cancelled: nothing was written.');
    throw new CliError('GW_ERR_CLI_CANCELLED', 'setup cancelled: nothing was written');
  }
  return value as Exclude<T, symbol>;
}

/**
 * The interactive half of `moltbot setup` (@clack/prompts on the TTY): a model provider with its
 * key checked by listing the models, a Telegram bot checked with getMe, WhatsApp. Returns the
 * choices; the command shows the diff and writes.
 */
export async function runSetupWizard(
  config: JsonObject,
  io: WizardIo,
  preset: { telegramApiRoot?: string; baseUrl?: string },
): Promise<SetupChoices> {
  const common = { input: io.input as never, output: io.output as never };
  const choices: SetupChoices = {};
  choices.provider = await askProvider(config, common, preset.baseUrl);
  choices.telegram = await askTelegram(config, common, io, preset.telegramApiRoot);
  choices.whatsapp = await askWhatsApp(config, common, io);
  return choices;
}

type Common = { input: never; output: never };

/** `baseUrl`: the --base-url flag, used in place of the chosen provider's own URL (a proxy, a test). */
async function askProvider(config: JsonObject, common: Common, baseUrl?: string): Promise<SetupChoices['provider']> {
  const current = getPath(config, 'agents.defaults.model.primary');
  const kind = answered(
    await p.select<string>({
      ...common,
      message: 'Which model provider should the assistant use?',
      // What is configured comes first: Enter keeps it.
      options: [
        ...(typeof current === 'string' ? [{ value: SKIP, label: `Keep ${current}` }] : []),
        ...PROVIDER_PRESETS.map((preset) => ({ value: preset.id, label: preset.label, hint: preset.baseUrl })),
        ...(typeof current === 'string'
          ? []
          : [{ value: SKIP, label: 'Skip for now', hint: 'the agent cannot answer until a provider is set' }]),
      ],
      initialValue: typeof current === 'string' ? SKIP : 'openai',
    }),
  );
  if (kind === SKIP) return undefined;
  const preset = PROVIDER_PRESETS.find((x) => x.id === kind)!;
  const endpoint: ProviderEndpoint = {
    name: preset.id,
    api: preset.api,
    baseUrl: baseUrl ?? preset.baseUrl ?? '',
    ...(preset.keyCheckPath ? { keyCheckPath: preset.keyCheckPath } : {}),
  };
  if (preset.id === 'custom' || preset.id === 'ollama') {
    endpoint.baseUrl = answered(
      await p.text({
        ...common,
        message: 'Base URL of the OpenAI-compatible API',
        initialValue: baseUrl ?? preset.baseUrl ?? 'http://127.0.0.1:8000/v1',
        validate: (v) => (/^https?:\/\/\S+$/.test(v ?? '') ? undefined : 'an http:// or https:// URL'),
      }),
    ).trim();
  }
  if (preset.id === 'custom') {
    endpoint.name = answered(
      await p.text({
        ...common,
        message: 'A short name for it (models.providers.<name>)',
        initialValue: 'local',
        validate: (v) => (/^[a-z0-9][a-z0-9_-]*$/i.test(v ?? '') ? undefined : 'letters, digits, - or _'),
      }),
    );
  }
  for (;;) {
    if (preset.needsKey || preset.id === 'custom') endpoint.apiKey = await askKey(preset, common, endpoint.apiKey);
    const spin = p.spinner({ ...common });
    spin.start(`Checking with ${endpoint.name}: listing its models`);
    const check = await listProviderModels(endpoint);
    if (check.ok) {
      spin.stop(`${endpoint.name} answered: ${check.models.length} model(s)`);
      const model = await askModel(preset, check.models, common);
      return { ...endpoint, model, models: check.models };
    }
    spin.error(fitSpinnerText(check.problem, common.output, p.S_BAR));
    const next = answered(
      await p.select<string>({
        ...common,
        message: 'What now?',
        options: [
          ...(preset.needsKey || preset.id === 'custom' ? [{ value: 'key', label: 'Enter the key again' }] : []),
          { value: 'retry', label: 'Try again' },
          { value: 'skip', label: 'Skip the model provider for now' },
        ],
      }),
    );
    if (next === 'skip') return undefined;
    if (next === 'key') endpoint.apiKey = undefined;
  }
}

async function askKey(preset: ProviderPreset, common: Common, current?: string): Promise<string | undefined> {
  if (current) return current;
  const key = answered(
    await p.password({
      ...common,
      message:
        preset.id === 'custom'
          ? 'API key (Enter for none)'
          : `${preset.label} API key${preset.keyHelp ? ` (from ${preset.keyHelp})` : ''}`,
      mask: '•',
      validate: (v) => (preset.needsKey && !v?.trim() ? `${preset.label} needs a key` : undefined),
    }),
  );
  return key.trim() || undefined;
}

async function askModel(preset: ProviderPreset, models: string[], common: Common): Promise<string> {
  if (models.length === 0)
    return answered(
      await p.text({
        ...common,
        message: 'The provider listed no models: which model id should the assistant use?',
        validate: (v) => (v?.trim() ? undefined : 'a model id, e.g. llama3.1'),
      }),
    ).trim();
  const initial = preset.preferredModel && models.includes(preset.preferredModel) ? preset.preferredModel : models[0];
  const options = models.map((m) => ({ value: m, label: m }));
  const message = 'Default model';
  if (models.length > 12)
    return answered(await p.autocomplete<string>({ ...common, message, options, initialValue: initial, maxItems: 10 }));
  return answered(await p.select<string>({ ...common, message, options, initialValue: initial }));
}

async function askTelegram(
  config: JsonObject,
  common: Common,
  io: WizardIo,
  apiRoot = (getPath(config, 'channels.telegram.apiRoot') as string | undefined) ?? TELEGRAM_API_ROOT,
): Promise<SetupChoices['telegram']> {
  const configured = typeof getPath(config, 'channels.telegram.botToken') === 'string';
  const wants = answered(
    await p.confirm({
      ...common,
      message: configured ? 'Telegram is set up. Change its bot token?' : 'Connect a Telegram bot?',
      initialValue: !configured,
    }),
  );
  if (!wants) return undefined;
  p.note('In Telegram, talk to @BotFather: /newbot, pick a name, copy the token it sends.', 'Telegram');
  for (;;) {
    const token = answered(
      await p.password({
        ...common,
        message: 'Bot token from @BotFather',
        mask: '•',
        validate: (v) => telegramTokenShape((v ?? '').trim()),
      }),
    ).trim();
    const spin = p.spinner({ ...common });
    spin.start('Checking the token with Telegram (getMe)');
    const check = await checkTelegramToken(token, apiRoot);
    if (!check.ok) {
      spin.error(fitSpinnerText(check.problem, common.output, p.S_BAR));
      const again = answered(await p.confirm({ ...common, message: 'Enter the token again?', initialValue: true }));
      if (!again) return undefined;
      continue;
    }
    spin.stop(`The token belongs to @${check.username}`);
    const dmPolicy = answered(
      await p.select<(typeof DM_POLICIES)[number]>({
        ...common,
        message: `Who may talk to @${check.username} in private chats?`,
        options: [
          { value: 'pairing', label: 'Pairing (recommended)', hint: 'strangers get a code; you approve it' },
          { value: 'allowlist', label: 'Only people I list', hint: 'by @username or numeric id' },
          { value: 'open', label: 'Anyone', hint: 'anyone who finds the bot can use your assistant' },
        ],
        initialValue: 'pairing',
      }),
    );
    let allowFrom: string[] | undefined;
    if (dmPolicy === 'allowlist') {
      const list = answered(
        await p.text({
          ...common,
          message: 'Your Telegram @username or numeric id (several: separated by commas)',
          validate: (v) => (v?.trim() ? undefined : 'at least one'),
        }),
      );
      allowFrom = list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    }
    if (dmPolicy === 'pairing')
      p.note(
        `Message @${check.username} on Telegram once the gateway runs. It answers with a pairing code;\n` +
          `approve it here with: ${io.hint('pairing approve telegram <code>')}`,
        'First message',
      );
    return { token, apiRoot, dmPolicy, allowFrom, username: check.username };
  }
}

async function askWhatsApp(config: JsonObject, common: Common, io: WizardIo): Promise<boolean> {
  const configured = getPath(config, 'channels.whatsapp') !== undefined;
  if (configured) return false;
  const wants = answered(
    await p.confirm({ ...common, message: 'Link WhatsApp (scan a QR code with your phone)?', initialValue: false }),
  );
  if (!wants) return false;
  if (!(await io.gatewayRunning()))
    p.log.warn(
      fitToTerminal(
        'WhatsApp links through the running gateway, and none answers yet. Setup turns WhatsApp on; start the ' +
          `gateway, then link with: ${io.hint('channels login --channel whatsapp')}`,
        common.output,
      ),
      { output: common.output },
    );
  return true;
}
