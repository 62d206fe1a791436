import Type, { type Static } from 'typebox';
/** Current protocol version and the oldest one we still speak (PROTOCOL.md "Handshake" 3). */
export declare const PROTOCOL_VERSION = 7;
export declare const MIN_PROTOCOL_VERSION = 3;
export declare const MAX_PAYLOAD_BYTES = 524288;
export declare const MAX_BUFFERED_BYTES = 1572864;
export declare const DEFAULT_TICK_INTERVAL_MS = 30000;
export declare const HANDSHAKE_TIMEOUT_MS = 10000;
export declare const CloseCode: {
    readonly normal: 1000;
    readonly goingAway: 1001;
    readonly protocolError: 1002;
    readonly unsupportedData: 1003;
    readonly policyViolation: 1008;
    readonly messageTooBig: 1009;
    readonly internalError: 1011;
    readonly serviceRestart: 1012;
    readonly tryAgainLater: 1013;
};
export declare const RequestFrameSchema: Type.TObject<{
    type: Type.TLiteral<"req">;
    id: Type.TString;
    method: Type.TString;
    params: Type.TOptional<Type.TUnknown>;
}>;
export type RequestFrame = Static<typeof RequestFrameSchema>;
export declare const requestFrame: import("../schema/compiled.js").CompiledSchema;
export declare const ConnectParamsSchema: Type.TObject<{
    minProtocol: Type.TInteger;
    maxProtocol: Type.TInteger;
    client: Type.TObject<{
        id: Type.TString;
        version: Type.TString;
        platform: Type.TString;
        mode: Type.TString;
        displayName: Type.TOptional<Type.TString>;
        instanceId: Type.TOptional<Type.TString>;
        deviceFamily: Type.TOptional<Type.TString>;
        modelIdentifier: Type.TOptional<Type.TString>;
    }>;
    role: Type.TOptional<Type.TString>;
    scopes: Type.TOptional<Type.TArray<Type.TString>>;
    caps: Type.TOptional<Type.TArray<Type.TString>>;
    commands: Type.TOptional<Type.TArray<Type.TString>>;
    permissions: Type.TOptional<Type.TRecord<"^.*$", Type.TUnknown>>;
    auth: Type.TOptional<Type.TObject<{
        token: Type.TOptional<Type.TString>;
        password: Type.TOptional<Type.TString>;
    }>>;
    device: Type.TOptional<Type.TObject<{
        id: Type.TString;
        publicKey: Type.TString;
        signature: Type.TString;
        signedAt: Type.TInteger;
        nonce: Type.TOptional<Type.TString>;
    }>>;
    locale: Type.TOptional<Type.TString>;
    userAgent: Type.TOptional<Type.TString>;
}>;
export type ConnectParams = Static<typeof ConnectParamsSchema>;
export declare const connectParams: import("../schema/compiled.js").CompiledSchema;
/** Highest version both sides speak, or undefined when the ranges do not overlap. */
export declare function negotiateProtocol(min: number, max: number): number | undefined;
