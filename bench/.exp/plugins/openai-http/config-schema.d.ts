import { Type, type Static } from '../../sdk/index.js';
/** `gateway.http.endpoints.chatCompletions`. */
export declare const OpenAiHttpConfig: Type.TObject<{
    enabled: Type.TOptional<Type.TBoolean>;
    maxBodyBytes: Type.TInteger;
}>;
export type OpenAiHttpConfigT = Static<typeof OpenAiHttpConfig>;
