/**
 * `delivery`: the channel router (access policy, pairing, session routing to the agent), the
 * durable inbound store and the durable outbound queue; services `router` and `outbound`.
 */
declare const _default: import("../../sdk/define-plugin.js").PluginDefinition<import("typebox").TObject<{
    outbound: import("typebox").TObject<{
        maxAttempts: import("typebox").TInteger;
        baseBackoffMs: import("typebox").TInteger;
        maxBackoffMs: import("typebox").TInteger;
    }>;
    pairing: import("typebox").TObject<{
        codeTtlMs: import("typebox").TInteger;
        maxPending: import("typebox").TInteger;
    }>;
}>>;
export default _default;
