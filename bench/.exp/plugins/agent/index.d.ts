declare const _default: import("../../sdk/define-plugin.js").PluginDefinition<import("typebox").TObject<{
    agents: import("typebox").TObject<{
        defaults: import("typebox").TObject<{
            model: import("typebox").TOptional<import("typebox").TUnion<[import("typebox").TString, import("typebox").TObject<{
                primary: import("typebox").TOptional<import("typebox").TString>;
                fallbacks: import("typebox").TOptional<import("typebox").TArray<import("typebox").TString>>;
            }>]>>;
            workspace: import("typebox").TOptional<import("typebox").TString>;
            systemPrompt: import("typebox").TOptional<import("typebox").TString>;
            timeoutSeconds: import("typebox").TInteger;
            maxSteps: import("typebox").TInteger;
            contextTokens: import("typebox").TOptional<import("typebox").TInteger>;
            compaction: import("typebox").TObject<{
                mode: import("typebox").TUnion<[import("typebox").TLiteral<"truncate">, import("typebox").TLiteral<"off">]>;
            }>;
        }>;
        list: import("typebox").TArray<import("typebox").TObject<{
            id: import("typebox").TString;
            name: import("typebox").TOptional<import("typebox").TString>;
            default: import("typebox").TOptional<import("typebox").TBoolean>;
            model: import("typebox").TOptional<import("typebox").TUnion<[import("typebox").TString, import("typebox").TObject<{
                primary: import("typebox").TOptional<import("typebox").TString>;
                fallbacks: import("typebox").TOptional<import("typebox").TArray<import("typebox").TString>>;
            }>]>>;
            systemPrompt: import("typebox").TOptional<import("typebox").TString>;
            workspace: import("typebox").TOptional<import("typebox").TString>;
            tools: import("typebox").TOptional<import("typebox").TObject<{
                allow: import("typebox").TOptional<import("typebox").TArray<import("typebox").TString>>;
                deny: import("typebox").TOptional<import("typebox").TArray<import("typebox").TString>>;
            }>>;
            maxSteps: import("typebox").TOptional<import("typebox").TInteger>;
        }>>;
    }>;
    models: import("typebox").TObject<{
        providers: import("typebox").TRecord<"^.*$", import("typebox").TObject<{
            baseUrl: import("typebox").TString;
            apiKey: import("typebox").TOptional<import("typebox").TString>;
            api: import("typebox").TString;
            models: import("typebox").TArray<import("typebox").TObject<{
                id: import("typebox").TString;
                name: import("typebox").TOptional<import("typebox").TString>;
                contextWindow: import("typebox").TOptional<import("typebox").TInteger>;
                maxTokens: import("typebox").TOptional<import("typebox").TInteger>;
            }>>;
            headers: import("typebox").TOptional<import("typebox").TRecord<"^.*$", import("typebox").TString>>;
            timeoutMs: import("typebox").TOptional<import("typebox").TInteger>;
            maxRetries: import("typebox").TOptional<import("typebox").TInteger>;
        }>>;
    }>;
    messages: import("typebox").TObject<{
        queue: import("typebox").TObject<{
            mode: import("typebox").TUnion<import("typebox").TLiteral<string>[]>;
            cap: import("typebox").TInteger;
        }>;
    }>;
    tools: import("typebox").TObject<{
        allow: import("typebox").TOptional<import("typebox").TArray<import("typebox").TString>>;
        deny: import("typebox").TOptional<import("typebox").TArray<import("typebox").TString>>;
    }>;
    session: import("typebox").TObject<{
        mainKey: import("typebox").TString;
        dmScope: import("typebox").TUnion<import("typebox").TLiteral<string>[]>;
    }>;
}>>;
export default _default;
