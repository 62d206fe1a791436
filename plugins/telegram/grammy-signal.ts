import type { Api } from 'grammy';

/** grammY types its signal parameter with the `abort-controller` polyfill; Node's is compatible at run time. */
export type GrammySignal = NonNullable<Parameters<Api['getMe']>[0]>;

export function grammySignal(signal: AbortSignal): GrammySignal {
  return signal as unknown as GrammySignal;
}
