/**
 * The Moltbot Gateway plugin SDK — the only module a plugin imports.
 *
 * Commonly used: definePlugin, Type (TypeBox), PluginContext.
 * Channels: ChannelAdapter and friends. Agent tools: AgentTool.
 * Expert: the registry interfaces, ServiceMap (augment it to type your services).
 */
export { definePlugin, isPluginDefinition } from './define-plugin.js';
export { SDK_VERSION } from './version.js';
export { default as Type } from 'typebox';
export { PluginError } from './errors.js';
export { ChannelSendError } from './channel.js';
//# sourceMappingURL=index.js.map