const PLUGIN_MARK = Symbol.for('moltbot.plugin');
/** Declare a plugin. Types flow from `configSchema` into `ctx.config`. */
export function definePlugin(definition) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(definition.id))
        throw new TypeError(`plugin id "${definition.id}" must be lowercase letters, digits and dashes`);
    if (typeof definition.register !== 'function')
        throw new TypeError(`plugin ${definition.id}: register must be a function`);
    return Object.freeze({ ...definition, [PLUGIN_MARK]: true });
}
export function isPluginDefinition(value) {
    return typeof value === 'object' && value !== null && value[PLUGIN_MARK] === true;
}
//# sourceMappingURL=define-plugin.js.map