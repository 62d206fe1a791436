import type { WireFormat } from './model-types.js';
/** Anthropic Messages (`POST {baseUrl}/v1/messages`, `stream:true`). */
export declare const anthropicMessages: WireFormat;
