import type { WireFormat } from './model-types.js';
/** OpenAI Chat Completions (`POST {baseUrl}/chat/completions`, `stream:true`). */
export declare const openAiCompletions: WireFormat;
