/**
 * The outside services of the channel and OpenAI workloads are the same fakes the e2e tests use
 * (test/fakes/: real HTTP servers on 127.0.0.1 speaking the public wire formats). Importing them
 * here makes `tsc -p tsconfig.json` compile them into dist/test/fakes/ beside dist/bench/, so
 * the bench needs no copy of them and no build of its own.
 */
export { type FakeModelProvider, startFakeModelProvider } from '../../test/fakes/model-provider.js';
export {
  DEFAULT_TEST_TOKEN,
  type FakeTelegramApi,
  type RecordedCall,
  startFakeTelegramApi,
} from '../../test/fakes/telegram-bot-api.js';

/** The fake provider's default key (`startFakeModelProvider()` without options). */
export const FAKE_PROVIDER_KEY = 'test-key';
/** The fake provider's default model. */
export const FAKE_MODEL = 'test-model';
