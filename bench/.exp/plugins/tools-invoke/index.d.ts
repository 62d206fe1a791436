declare const _default: import("../../sdk/define-plugin.js").PluginDefinition<import("typebox").TObject<{
    allow: import("typebox").TArray<import("typebox").TString>;
    maxBodyBytes: import("typebox").TInteger;
}>>;
export default _default;
