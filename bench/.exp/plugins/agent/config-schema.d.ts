import { Type, type Static } from '../../sdk/index.js';
/** One model a provider serves. */
declare const ModelEntry: Type.TObject<{
    id: Type.TString;
    name: Type.TOptional<Type.TString>;
    contextWindow: Type.TOptional<Type.TInteger>;
    maxTokens: Type.TOptional<Type.TInteger>;
}>;
declare const ProviderEntry: Type.TObject<{
    baseUrl: Type.TString;
    apiKey: Type.TOptional<Type.TString>;
    api: Type.TString;
    models: Type.TArray<Type.TObject<{
        id: Type.TString;
        name: Type.TOptional<Type.TString>;
        contextWindow: Type.TOptional<Type.TInteger>;
        maxTokens: Type.TOptional<Type.TInteger>;
    }>>;
    headers: Type.TOptional<Type.TRecord<"^.*$", Type.TString>>;
    timeoutMs: Type.TOptional<Type.TInteger>;
    maxRetries: Type.TOptional<Type.TInteger>;
}>;
/** `"provider/model"` or `{primary, fallbacks}`. */
declare const ModelChoice: Type.TUnion<[Type.TString, Type.TObject<{
    primary: Type.TOptional<Type.TString>;
    fallbacks: Type.TOptional<Type.TArray<Type.TString>>;
}>]>;
declare const ToolPolicy: Type.TObject<{
    allow: Type.TOptional<Type.TArray<Type.TString>>;
    deny: Type.TOptional<Type.TArray<Type.TString>>;
}>;
declare const AgentEntry: Type.TObject<{
    id: Type.TString;
    name: Type.TOptional<Type.TString>;
    default: Type.TOptional<Type.TBoolean>;
    model: Type.TOptional<Type.TUnion<[Type.TString, Type.TObject<{
        primary: Type.TOptional<Type.TString>;
        fallbacks: Type.TOptional<Type.TArray<Type.TString>>;
    }>]>>;
    systemPrompt: Type.TOptional<Type.TString>;
    workspace: Type.TOptional<Type.TString>;
    tools: Type.TOptional<Type.TObject<{
        allow: Type.TOptional<Type.TArray<Type.TString>>;
        deny: Type.TOptional<Type.TArray<Type.TString>>;
    }>>;
    maxSteps: Type.TOptional<Type.TInteger>;
}>;
export declare const AgentsConfig: Type.TObject<{
    defaults: Type.TObject<{
        model: Type.TOptional<Type.TUnion<[Type.TString, Type.TObject<{
            primary: Type.TOptional<Type.TString>;
            fallbacks: Type.TOptional<Type.TArray<Type.TString>>;
        }>]>>;
        workspace: Type.TOptional<Type.TString>;
        systemPrompt: Type.TOptional<Type.TString>;
        timeoutSeconds: Type.TInteger;
        maxSteps: Type.TInteger;
        contextTokens: Type.TOptional<Type.TInteger>;
        compaction: Type.TObject<{
            mode: Type.TUnion<[Type.TLiteral<"truncate">, Type.TLiteral<"off">]>;
        }>;
    }>;
    list: Type.TArray<Type.TObject<{
        id: Type.TString;
        name: Type.TOptional<Type.TString>;
        default: Type.TOptional<Type.TBoolean>;
        model: Type.TOptional<Type.TUnion<[Type.TString, Type.TObject<{
            primary: Type.TOptional<Type.TString>;
            fallbacks: Type.TOptional<Type.TArray<Type.TString>>;
        }>]>>;
        systemPrompt: Type.TOptional<Type.TString>;
        workspace: Type.TOptional<Type.TString>;
        tools: Type.TOptional<Type.TObject<{
            allow: Type.TOptional<Type.TArray<Type.TString>>;
            deny: Type.TOptional<Type.TArray<Type.TString>>;
        }>>;
        maxSteps: Type.TOptional<Type.TInteger>;
    }>>;
}>;
export declare const ModelsConfig: Type.TObject<{
    providers: Type.TRecord<"^.*$", Type.TObject<{
        baseUrl: Type.TString;
        apiKey: Type.TOptional<Type.TString>;
        api: Type.TString;
        models: Type.TArray<Type.TObject<{
            id: Type.TString;
            name: Type.TOptional<Type.TString>;
            contextWindow: Type.TOptional<Type.TInteger>;
            maxTokens: Type.TOptional<Type.TInteger>;
        }>>;
        headers: Type.TOptional<Type.TRecord<"^.*$", Type.TString>>;
        timeoutMs: Type.TOptional<Type.TInteger>;
        maxRetries: Type.TOptional<Type.TInteger>;
    }>>;
}>;
export declare const MessagesConfig: Type.TObject<{
    queue: Type.TObject<{
        mode: Type.TUnion<Type.TLiteral<string>[]>;
        cap: Type.TInteger;
    }>;
}>;
export declare const ToolsConfig: Type.TObject<{
    allow: Type.TOptional<Type.TArray<Type.TString>>;
    deny: Type.TOptional<Type.TArray<Type.TString>>;
}>;
export declare const SessionConfig: Type.TObject<{
    mainKey: Type.TString;
    /** `per-peer` gives each DM sender its own session; `main` (default) sends DMs to the main session. */
    dmScope: Type.TUnion<Type.TLiteral<string>[]>;
}>;
export declare const AgentPluginConfig: Type.TObject<{
    agents: Type.TObject<{
        defaults: Type.TObject<{
            model: Type.TOptional<Type.TUnion<[Type.TString, Type.TObject<{
                primary: Type.TOptional<Type.TString>;
                fallbacks: Type.TOptional<Type.TArray<Type.TString>>;
            }>]>>;
            workspace: Type.TOptional<Type.TString>;
            systemPrompt: Type.TOptional<Type.TString>;
            timeoutSeconds: Type.TInteger;
            maxSteps: Type.TInteger;
            contextTokens: Type.TOptional<Type.TInteger>;
            compaction: Type.TObject<{
                mode: Type.TUnion<[Type.TLiteral<"truncate">, Type.TLiteral<"off">]>;
            }>;
        }>;
        list: Type.TArray<Type.TObject<{
            id: Type.TString;
            name: Type.TOptional<Type.TString>;
            default: Type.TOptional<Type.TBoolean>;
            model: Type.TOptional<Type.TUnion<[Type.TString, Type.TObject<{
                primary: Type.TOptional<Type.TString>;
                fallbacks: Type.TOptional<Type.TArray<Type.TString>>;
            }>]>>;
            systemPrompt: Type.TOptional<Type.TString>;
            workspace: Type.TOptional<Type.TString>;
            tools: Type.TOptional<Type.TObject<{
                allow: Type.TOptional<Type.TArray<Type.TString>>;
                deny: Type.TOptional<Type.TArray<Type.TString>>;
            }>>;
            maxSteps: Type.TOptional<Type.TInteger>;
        }>>;
    }>;
    models: Type.TObject<{
        providers: Type.TRecord<"^.*$", Type.TObject<{
            baseUrl: Type.TString;
            apiKey: Type.TOptional<Type.TString>;
            api: Type.TString;
            models: Type.TArray<Type.TObject<{
                id: Type.TString;
                name: Type.TOptional<Type.TString>;
                contextWindow: Type.TOptional<Type.TInteger>;
                maxTokens: Type.TOptional<Type.TInteger>;
            }>>;
            headers: Type.TOptional<Type.TRecord<"^.*$", Type.TString>>;
            timeoutMs: Type.TOptional<Type.TInteger>;
            maxRetries: Type.TOptional<Type.TInteger>;
        }>>;
    }>;
    messages: Type.TObject<{
        queue: Type.TObject<{
            mode: Type.TUnion<Type.TLiteral<string>[]>;
            cap: Type.TInteger;
        }>;
    }>;
    tools: Type.TObject<{
        allow: Type.TOptional<Type.TArray<Type.TString>>;
        deny: Type.TOptional<Type.TArray<Type.TString>>;
    }>;
    session: Type.TObject<{
        mainKey: Type.TString;
        /** `per-peer` gives each DM sender its own session; `main` (default) sends DMs to the main session. */
        dmScope: Type.TUnion<Type.TLiteral<string>[]>;
    }>;
}>;
export type AgentPluginConfigT = Static<typeof AgentPluginConfig>;
export type ProviderConfig = Static<typeof ProviderEntry>;
export type ModelConfig = Static<typeof ModelEntry>;
export type AgentConfig = Static<typeof AgentEntry>;
export type ToolPolicyConfig = Static<typeof ToolPolicy>;
export type ModelChoiceT = Static<typeof ModelChoice>;
export {};
