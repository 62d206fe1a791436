import { Type, type Static } from '../../sdk/index.js';
/** `gateway.http.endpoints.responses`. */
export declare const ResponsesHttpConfig: Type.TObject<{
    enabled: Type.TOptional<Type.TBoolean>;
    maxBodyBytes: Type.TInteger;
}>;
export type ResponsesHttpConfigT = Static<typeof ResponsesHttpConfig>;
