import type { PluginContext } from '../../../sdk/index.js';
type Logger = PluginContext<unknown>['logger'];
import type { ModelCall, ModelTurn } from './model-types.js';
import type { ResolvedModel } from './model-ref.js';
export interface ModelClientOptions {
    logger: Logger;
    env: NodeJS.ProcessEnv;
}
/**
 * Calls a chain of models: each with retries (429/5xx/network, backoff, `retry-after`), an idle
 * timeout (no byte for `timeoutMs` ends the attempt), then the next model of the chain when one
 * fails. An abort of the run itself (`call.signal`) ends everything at once.
 */
export declare function callModelChain(chain: ResolvedModel[], call: Omit<ModelCall, 'model'>, options: ModelClientOptions): Promise<{
    turn: ModelTurn;
    model: ResolvedModel;
}>;
/** `retry-after` in seconds or as an HTTP date, capped. */
export declare function retryAfter(header: string | null): number | undefined;
export {};
