import { Type, type Static } from '../../sdk/index.js';
/** `channels.whatsapp`. */
export declare const whatsappConfigSchema: Type.TObject<{
    accounts: Type.TOptional<Type.TRecord<"^.*$", Type.TObject<{
        enabled: Type.TOptional<Type.TBoolean>;
        name: Type.TOptional<Type.TString>;
        dmPolicy: Type.TOptional<Type.TUnion<[Type.TLiteral<"pairing">, Type.TLiteral<"allowlist">, Type.TLiteral<"open">, Type.TLiteral<"disabled">]>>;
        /** Phone numbers in E.164 (`+15551234567`) or `"*"`. */
        allowFrom: Type.TOptional<Type.TArray<Type.TString>>;
        groupPolicy: Type.TOptional<Type.TUnion<[Type.TLiteral<"open">, Type.TLiteral<"allowlist">, Type.TLiteral<"disabled">]>>;
        /** Group JID (`1203630…@g.us`) → settings; `"*"` for every group. */
        groups: Type.TOptional<Type.TRecord<"^.*$", Type.TObject<{
            enabled: Type.TOptional<Type.TBoolean>;
            /** Default true: in groups the assistant answers only when its number is @mentioned or replied to. */
            requireMention: Type.TOptional<Type.TBoolean>;
            /** Only these members (E.164) may talk to the assistant in this group. */
            allowFrom: Type.TOptional<Type.TArray<Type.TString>>;
        }>>>;
        sendReadReceipts: Type.TOptional<Type.TBoolean>;
        textChunkLimit: Type.TOptional<Type.TInteger>;
    }>>>;
    /** Reconnect attempts (with exponential backoff and jitter) before an account gives up. */
    maxReconnectAttempts: Type.TOptional<Type.TInteger>;
    reconnectBaseMs: Type.TOptional<Type.TInteger>;
    enabled: Type.TOptional<Type.TBoolean>;
    name: Type.TOptional<Type.TString>;
    dmPolicy: Type.TOptional<Type.TUnion<[Type.TLiteral<"pairing">, Type.TLiteral<"allowlist">, Type.TLiteral<"open">, Type.TLiteral<"disabled">]>>;
    /** Phone numbers in E.164 (`+15551234567`) or `"*"`. */
    allowFrom: Type.TOptional<Type.TArray<Type.TString>>;
    groupPolicy: Type.TOptional<Type.TUnion<[Type.TLiteral<"open">, Type.TLiteral<"allowlist">, Type.TLiteral<"disabled">]>>;
    /** Group JID (`1203630…@g.us`) → settings; `"*"` for every group. */
    groups: Type.TOptional<Type.TRecord<"^.*$", Type.TObject<{
        enabled: Type.TOptional<Type.TBoolean>;
        /** Default true: in groups the assistant answers only when its number is @mentioned or replied to. */
        requireMention: Type.TOptional<Type.TBoolean>;
        /** Only these members (E.164) may talk to the assistant in this group. */
        allowFrom: Type.TOptional<Type.TArray<Type.TString>>;
    }>>>;
    sendReadReceipts: Type.TOptional<Type.TBoolean>;
    textChunkLimit: Type.TOptional<Type.TInteger>;
}>;
export type WhatsAppConfig = Static<typeof whatsappConfigSchema>;
