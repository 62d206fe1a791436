import { Type, type Static } from '../../sdk/index.js';
/** `gateway.http.toolsInvoke`. */
export declare const ToolsInvokeConfig: Type.TObject<{
    allow: Type.TArray<Type.TString>;
    maxBodyBytes: Type.TInteger;
}>;
export type ToolsInvokeConfigT = Static<typeof ToolsInvokeConfig>;
