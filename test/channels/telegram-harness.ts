import { type FakeModelProvider, startFakeModelProvider } from '../fakes/model-provider.js';
import { type FakeTelegramApi, type RecordedCall, startFakeTelegramApi } from '../fakes/telegram-bot-api.js';

/** Bots the fake Bot API knows; any other token is answered 401. */
export const BOTS = {
  main: { token: '123:abc', identity: { id: 123, username: 'moltbot_test_bot', first_name: 'Molt' } },
  pair: { token: '456:def', identity: { id: 456, username: 'pairing_test_bot', first_name: 'Pair' } },
  kill: { token: '789:ghi', identity: { id: 789, username: 'durable_test_bot', first_name: 'Durable' } },
} as const;

export async function startFakes(): Promise<{ tg: FakeTelegramApi; model: FakeModelProvider }> {
  const tg = await startFakeTelegramApi({
    tokens: Object.fromEntries(Object.values(BOTS).map((b) => [b.token, b.identity])),
  });
  const model = await startFakeModelProvider();
  return { tg, model };
}

/** The agent part of the config: the fake provider answering as `fake/test-model`. */
export function agentConfig(model: FakeModelProvider): Record<string, unknown> {
  return {
    models: {
      providers: {
        fake: { baseUrl: model.baseUrl, apiKey: 'test-key', api: 'openai-completions', models: [{ id: 'test-model' }] },
      },
    },
    agents: { defaults: { model: { primary: 'fake/test-model' } } },
  };
}

export const sentText = (call: RecordedCall): string => String(call.params.text ?? call.params.caption ?? '');

/** Successful sendMessage calls of one bot to one chat. */
export function messagesTo(tg: FakeTelegramApi, token: string, chatId: number | string): RecordedCall[] {
  return tg
    .sent(token)
    .filter((c) => c.method === 'sendMessage' && c.ok && String(c.params.chat_id) === String(chatId));
}

/** Did any model request carry this text (in any message)? */
export function modelSaw(model: FakeModelProvider, text: string): boolean {
  return model.requests.some((r) => JSON.stringify(r.body ?? '').includes(text));
}

export function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
