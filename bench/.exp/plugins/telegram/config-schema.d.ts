import { Type, type Static } from '../../sdk/index.js';
/** `channels.telegram`. */
export declare const telegramConfigSchema: Type.TObject<{
    accounts: Type.TOptional<Type.TRecord<"^.*$", Type.TObject<{
        enabled: Type.TOptional<Type.TBoolean>;
        name: Type.TOptional<Type.TString>;
        botToken: Type.TOptional<Type.TString>;
        tokenFile: Type.TOptional<Type.TString>;
        apiRoot: Type.TOptional<Type.TString>;
        dmPolicy: Type.TOptional<Type.TUnion<[Type.TLiteral<"pairing">, Type.TLiteral<"allowlist">, Type.TLiteral<"open">, Type.TLiteral<"disabled">]>>;
        allowFrom: Type.TOptional<Type.TArray<Type.TUnion<[Type.TString, Type.TInteger]>>>;
        groupPolicy: Type.TOptional<Type.TUnion<[Type.TLiteral<"open">, Type.TLiteral<"allowlist">, Type.TLiteral<"disabled">]>>;
        groups: Type.TOptional<Type.TRecord<"^.*$", Type.TObject<{
            enabled: Type.TOptional<Type.TBoolean>;
            /** Default true: in groups the bot answers only when @mentioned or replied to. */
            requireMention: Type.TOptional<Type.TBoolean>;
            /** Only these members may talk to the bot in this group (ids or @usernames). */
            allowFrom: Type.TOptional<Type.TArray<Type.TUnion<[Type.TString, Type.TInteger]>>>;
        }>>>;
        textChunkLimit: Type.TOptional<Type.TInteger>;
        mediaMaxMb: Type.TOptional<Type.TNumber>;
        webhookUrl: Type.TOptional<Type.TString>;
        webhookSecret: Type.TOptional<Type.TString>;
        webhookPath: Type.TOptional<Type.TString>;
        pollTimeoutSeconds: Type.TOptional<Type.TInteger>;
    }>>>;
    enabled: Type.TOptional<Type.TBoolean>;
    name: Type.TOptional<Type.TString>;
    botToken: Type.TOptional<Type.TString>;
    tokenFile: Type.TOptional<Type.TString>;
    apiRoot: Type.TOptional<Type.TString>;
    dmPolicy: Type.TOptional<Type.TUnion<[Type.TLiteral<"pairing">, Type.TLiteral<"allowlist">, Type.TLiteral<"open">, Type.TLiteral<"disabled">]>>;
    allowFrom: Type.TOptional<Type.TArray<Type.TUnion<[Type.TString, Type.TInteger]>>>;
    groupPolicy: Type.TOptional<Type.TUnion<[Type.TLiteral<"open">, Type.TLiteral<"allowlist">, Type.TLiteral<"disabled">]>>;
    groups: Type.TOptional<Type.TRecord<"^.*$", Type.TObject<{
        enabled: Type.TOptional<Type.TBoolean>;
        /** Default true: in groups the bot answers only when @mentioned or replied to. */
        requireMention: Type.TOptional<Type.TBoolean>;
        /** Only these members may talk to the bot in this group (ids or @usernames). */
        allowFrom: Type.TOptional<Type.TArray<Type.TUnion<[Type.TString, Type.TInteger]>>>;
    }>>>;
    textChunkLimit: Type.TOptional<Type.TInteger>;
    mediaMaxMb: Type.TOptional<Type.TNumber>;
    webhookUrl: Type.TOptional<Type.TString>;
    webhookSecret: Type.TOptional<Type.TString>;
    webhookPath: Type.TOptional<Type.TString>;
    pollTimeoutSeconds: Type.TOptional<Type.TInteger>;
}>;
export type TelegramConfig = Static<typeof telegramConfigSchema>;
export type TelegramAccountConfig = Omit<TelegramConfig, 'accounts'>;
