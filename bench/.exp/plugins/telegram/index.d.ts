/** `telegram`: Telegram bots through grammY (long polling or webhook), one supervisor per account. */
declare const _default: import("../../sdk/define-plugin.js").PluginDefinition<import("typebox").TObject<{
    accounts: import("typebox").TOptional<import("typebox").TRecord<"^.*$", import("typebox").TObject<{
        enabled: import("typebox").TOptional<import("typebox").TBoolean>;
        name: import("typebox").TOptional<import("typebox").TString>;
        botToken: import("typebox").TOptional<import("typebox").TString>;
        tokenFile: import("typebox").TOptional<import("typebox").TString>;
        apiRoot: import("typebox").TOptional<import("typebox").TString>;
        dmPolicy: import("typebox").TOptional<import("typebox").TUnion<[import("typebox").TLiteral<"pairing">, import("typebox").TLiteral<"allowlist">, import("typebox").TLiteral<"open">, import("typebox").TLiteral<"disabled">]>>;
        allowFrom: import("typebox").TOptional<import("typebox").TArray<import("typebox").TUnion<[import("typebox").TString, import("typebox").TInteger]>>>;
        groupPolicy: import("typebox").TOptional<import("typebox").TUnion<[import("typebox").TLiteral<"open">, import("typebox").TLiteral<"allowlist">, import("typebox").TLiteral<"disabled">]>>;
        groups: import("typebox").TOptional<import("typebox").TRecord<"^.*$", import("typebox").TObject<{
            enabled: import("typebox").TOptional<import("typebox").TBoolean>;
            requireMention: import("typebox").TOptional<import("typebox").TBoolean>;
            allowFrom: import("typebox").TOptional<import("typebox").TArray<import("typebox").TUnion<[import("typebox").TString, import("typebox").TInteger]>>>;
        }>>>;
        textChunkLimit: import("typebox").TOptional<import("typebox").TInteger>;
        mediaMaxMb: import("typebox").TOptional<import("typebox").TNumber>;
        webhookUrl: import("typebox").TOptional<import("typebox").TString>;
        webhookSecret: import("typebox").TOptional<import("typebox").TString>;
        webhookPath: import("typebox").TOptional<import("typebox").TString>;
        pollTimeoutSeconds: import("typebox").TOptional<import("typebox").TInteger>;
    }>>>;
    enabled: import("typebox").TOptional<import("typebox").TBoolean>;
    name: import("typebox").TOptional<import("typebox").TString>;
    botToken: import("typebox").TOptional<import("typebox").TString>;
    tokenFile: import("typebox").TOptional<import("typebox").TString>;
    apiRoot: import("typebox").TOptional<import("typebox").TString>;
    dmPolicy: import("typebox").TOptional<import("typebox").TUnion<[import("typebox").TLiteral<"pairing">, import("typebox").TLiteral<"allowlist">, import("typebox").TLiteral<"open">, import("typebox").TLiteral<"disabled">]>>;
    allowFrom: import("typebox").TOptional<import("typebox").TArray<import("typebox").TUnion<[import("typebox").TString, import("typebox").TInteger]>>>;
    groupPolicy: import("typebox").TOptional<import("typebox").TUnion<[import("typebox").TLiteral<"open">, import("typebox").TLiteral<"allowlist">, import("typebox").TLiteral<"disabled">]>>;
    groups: import("typebox").TOptional<import("typebox").TRecord<"^.*$", import("typebox").TObject<{
        enabled: import("typebox").TOptional<import("typebox").TBoolean>;
        requireMention: import("typebox").TOptional<import("typebox").TBoolean>;
        allowFrom: import("typebox").TOptional<import("typebox").TArray<import("typebox").TUnion<[import("typebox").TString, import("typebox").TInteger]>>>;
    }>>>;
    textChunkLimit: import("typebox").TOptional<import("typebox").TInteger>;
    mediaMaxMb: import("typebox").TOptional<import("typebox").TNumber>;
    webhookUrl: import("typebox").TOptional<import("typebox").TString>;
    webhookSecret: import("typebox").TOptional<import("typebox").TString>;
    webhookPath: import("typebox").TOptional<import("typebox").TString>;
    pollTimeoutSeconds: import("typebox").TOptional<import("typebox").TInteger>;
}>>;
export default _default;
