/** `whatsapp`: WhatsApp through Baileys as a linked device, one supervisor per account. */
declare const _default: import("../../sdk/define-plugin.js").PluginDefinition<import("typebox").TObject<{
    accounts: import("typebox").TOptional<import("typebox").TRecord<"^.*$", import("typebox").TObject<{
        enabled: import("typebox").TOptional<import("typebox").TBoolean>;
        name: import("typebox").TOptional<import("typebox").TString>;
        dmPolicy: import("typebox").TOptional<import("typebox").TUnion<[import("typebox").TLiteral<"pairing">, import("typebox").TLiteral<"allowlist">, import("typebox").TLiteral<"open">, import("typebox").TLiteral<"disabled">]>>;
        allowFrom: import("typebox").TOptional<import("typebox").TArray<import("typebox").TString>>;
        groupPolicy: import("typebox").TOptional<import("typebox").TUnion<[import("typebox").TLiteral<"open">, import("typebox").TLiteral<"allowlist">, import("typebox").TLiteral<"disabled">]>>;
        groups: import("typebox").TOptional<import("typebox").TRecord<"^.*$", import("typebox").TObject<{
            enabled: import("typebox").TOptional<import("typebox").TBoolean>;
            requireMention: import("typebox").TOptional<import("typebox").TBoolean>;
            allowFrom: import("typebox").TOptional<import("typebox").TArray<import("typebox").TString>>;
        }>>>;
        sendReadReceipts: import("typebox").TOptional<import("typebox").TBoolean>;
        textChunkLimit: import("typebox").TOptional<import("typebox").TInteger>;
    }>>>;
    maxReconnectAttempts: import("typebox").TOptional<import("typebox").TInteger>;
    reconnectBaseMs: import("typebox").TOptional<import("typebox").TInteger>;
    enabled: import("typebox").TOptional<import("typebox").TBoolean>;
    name: import("typebox").TOptional<import("typebox").TString>;
    dmPolicy: import("typebox").TOptional<import("typebox").TUnion<[import("typebox").TLiteral<"pairing">, import("typebox").TLiteral<"allowlist">, import("typebox").TLiteral<"open">, import("typebox").TLiteral<"disabled">]>>;
    allowFrom: import("typebox").TOptional<import("typebox").TArray<import("typebox").TString>>;
    groupPolicy: import("typebox").TOptional<import("typebox").TUnion<[import("typebox").TLiteral<"open">, import("typebox").TLiteral<"allowlist">, import("typebox").TLiteral<"disabled">]>>;
    groups: import("typebox").TOptional<import("typebox").TRecord<"^.*$", import("typebox").TObject<{
        enabled: import("typebox").TOptional<import("typebox").TBoolean>;
        requireMention: import("typebox").TOptional<import("typebox").TBoolean>;
        allowFrom: import("typebox").TOptional<import("typebox").TArray<import("typebox").TString>>;
    }>>>;
    sendReadReceipts: import("typebox").TOptional<import("typebox").TBoolean>;
    textChunkLimit: import("typebox").TOptional<import("typebox").TInteger>;
}>>;
export default _default;
