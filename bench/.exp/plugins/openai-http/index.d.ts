declare const _default: import("../../sdk/define-plugin.js").PluginDefinition<import("typebox").TObject<{
    enabled: import("typebox").TOptional<import("typebox").TBoolean>;
    maxBodyBytes: import("typebox").TInteger;
}>>;
export default _default;
