import Type, { type Static } from 'typebox';
/**
 * The kernel's part of moltbot.json. Every other top-level key belongs to a plugin's
 * `configKey`; keys nobody owns are reported as warnings, not errors, so an existing Moltbot
 * config with keys we do not implement still starts.
 */
export declare const AuthConfigSchema: Type.TObject<{
    mode: Type.TOptional<Type.TUnion<[Type.TLiteral<"token">, Type.TLiteral<"password">]>>;
    token: Type.TOptional<Type.TString>;
    password: Type.TOptional<Type.TString>;
    allowTailscale: Type.TOptional<Type.TBoolean>;
    rateLimit: Type.TOptional<Type.TObject<{
        maxFailures: Type.TOptional<Type.TInteger>;
        windowMs: Type.TOptional<Type.TInteger>;
    }>>;
}>;
export declare const GatewayConfigSchema: Type.TObject<{
    port: Type.TOptional<Type.TInteger>;
    bind: Type.TOptional<Type.TString>;
    mode: Type.TOptional<Type.TString>;
    auth: Type.TOptional<Type.TObject<{
        mode: Type.TOptional<Type.TUnion<[Type.TLiteral<"token">, Type.TLiteral<"password">]>>;
        token: Type.TOptional<Type.TString>;
        password: Type.TOptional<Type.TString>;
        allowTailscale: Type.TOptional<Type.TBoolean>;
        rateLimit: Type.TOptional<Type.TObject<{
            maxFailures: Type.TOptional<Type.TInteger>;
            windowMs: Type.TOptional<Type.TInteger>;
        }>>;
    }>>;
    allowedHosts: Type.TOptional<Type.TArray<Type.TString>>;
    trustedProxies: Type.TOptional<Type.TArray<Type.TString>>;
    controlUi: Type.TOptional<Type.TObject<{
        enabled: Type.TOptional<Type.TBoolean>;
        basePath: Type.TOptional<Type.TString>;
        allowedOrigins: Type.TOptional<Type.TArray<Type.TString>>;
    }>>;
    reload: Type.TOptional<Type.TObject<{
        mode: Type.TOptional<Type.TUnion<[Type.TLiteral<"hybrid">, Type.TLiteral<"hot">, Type.TLiteral<"restart">, Type.TLiteral<"off">]>>;
        debounceMs: Type.TOptional<Type.TInteger>;
    }>>;
    tls: Type.TOptional<Type.TObject<{
        enabled: Type.TOptional<Type.TBoolean>;
        certPath: Type.TOptional<Type.TString>;
        keyPath: Type.TOptional<Type.TString>;
    }>>;
    tickIntervalMs: Type.TOptional<Type.TInteger>;
    handshakeTimeoutMs: Type.TOptional<Type.TInteger>;
    drainTimeoutMs: Type.TOptional<Type.TInteger>;
    http: Type.TOptional<Type.TRecord<"^.*$", Type.TUnknown>>;
    nodes: Type.TOptional<Type.TRecord<"^.*$", Type.TUnknown>>;
    remote: Type.TOptional<Type.TRecord<"^.*$", Type.TUnknown>>;
    tailscale: Type.TOptional<Type.TRecord<"^.*$", Type.TUnknown>>;
}>;
export declare const PluginEntrySchema: Type.TObject<{
    enabled: Type.TOptional<Type.TBoolean>;
    version: Type.TOptional<Type.TString>;
    from: Type.TOptional<Type.TString>;
    config: Type.TOptional<Type.TUnknown>;
}>;
export declare const LoggingConfigSchema: Type.TObject<{
    level: Type.TOptional<Type.TUnion<Type.TLiteral<string>[]>>;
}>;
export declare const KernelConfigSchema: Type.TObject<{
    gateway: Type.TOptional<Type.TObject<{
        port: Type.TOptional<Type.TInteger>;
        bind: Type.TOptional<Type.TString>;
        mode: Type.TOptional<Type.TString>;
        auth: Type.TOptional<Type.TObject<{
            mode: Type.TOptional<Type.TUnion<[Type.TLiteral<"token">, Type.TLiteral<"password">]>>;
            token: Type.TOptional<Type.TString>;
            password: Type.TOptional<Type.TString>;
            allowTailscale: Type.TOptional<Type.TBoolean>;
            rateLimit: Type.TOptional<Type.TObject<{
                maxFailures: Type.TOptional<Type.TInteger>;
                windowMs: Type.TOptional<Type.TInteger>;
            }>>;
        }>>;
        allowedHosts: Type.TOptional<Type.TArray<Type.TString>>;
        trustedProxies: Type.TOptional<Type.TArray<Type.TString>>;
        controlUi: Type.TOptional<Type.TObject<{
            enabled: Type.TOptional<Type.TBoolean>;
            basePath: Type.TOptional<Type.TString>;
            allowedOrigins: Type.TOptional<Type.TArray<Type.TString>>;
        }>>;
        reload: Type.TOptional<Type.TObject<{
            mode: Type.TOptional<Type.TUnion<[Type.TLiteral<"hybrid">, Type.TLiteral<"hot">, Type.TLiteral<"restart">, Type.TLiteral<"off">]>>;
            debounceMs: Type.TOptional<Type.TInteger>;
        }>>;
        tls: Type.TOptional<Type.TObject<{
            enabled: Type.TOptional<Type.TBoolean>;
            certPath: Type.TOptional<Type.TString>;
            keyPath: Type.TOptional<Type.TString>;
        }>>;
        tickIntervalMs: Type.TOptional<Type.TInteger>;
        handshakeTimeoutMs: Type.TOptional<Type.TInteger>;
        drainTimeoutMs: Type.TOptional<Type.TInteger>;
        http: Type.TOptional<Type.TRecord<"^.*$", Type.TUnknown>>;
        nodes: Type.TOptional<Type.TRecord<"^.*$", Type.TUnknown>>;
        remote: Type.TOptional<Type.TRecord<"^.*$", Type.TUnknown>>;
        tailscale: Type.TOptional<Type.TRecord<"^.*$", Type.TUnknown>>;
    }>>;
    plugins: Type.TOptional<Type.TObject<{
        entries: Type.TOptional<Type.TRecord<"^.*$", Type.TObject<{
            enabled: Type.TOptional<Type.TBoolean>;
            version: Type.TOptional<Type.TString>;
            from: Type.TOptional<Type.TString>;
            config: Type.TOptional<Type.TUnknown>;
        }>>>;
    }>>;
    logging: Type.TOptional<Type.TObject<{
        level: Type.TOptional<Type.TUnion<Type.TLiteral<string>[]>>;
    }>>;
}>;
export type KernelConfig = Static<typeof KernelConfigSchema>;
export type GatewayConfig = Static<typeof GatewayConfigSchema>;
export type PluginEntry = Static<typeof PluginEntrySchema>;
/** Top-level keys the kernel owns. */
export declare const KERNEL_KEYS: readonly ["gateway", "plugins", "logging"];
/** Moltbot keys we accept without a warning although no plugin of ours reads them yet. */
export declare const TOLERATED_KEYS: readonly ["$schema", "meta", "wizard", "ui", "env", "update", "diagnostics"];
