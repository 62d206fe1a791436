import type { Api } from 'grammy';
/** grammY types its signal parameter with the `abort-controller` polyfill; Node's is compatible at run time. */
export type GrammySignal = NonNullable<Parameters<Api['getMe']>[0]>;
export declare function grammySignal(signal: AbortSignal): GrammySignal;
