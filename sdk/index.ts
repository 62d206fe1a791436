/**
 * The Moltbot Gateway plugin SDK — the only module a plugin imports.
 *
 * Commonly used: definePlugin, Type (TypeBox), PluginContext.
 * Channels: ChannelAdapter and friends. Agent tools: AgentTool.
 * Expert: the registry interfaces, ServiceMap (augment it to type your services).
 */
export { definePlugin, isPluginDefinition, type PluginDefinition } from './define-plugin.js';
export { SDK_VERSION } from './version.js';
export { default as Type, type Static, type TSchema } from 'typebox';
export { PluginError, type WireErrorCode } from './errors.js';
export { acceptJsonBodiesOnly } from './json-body.js';
export { preparedStatement } from './prepared-statement.js';
export type {
  PluginContext,
  PluginApp,
  PluginPaths,
  PluginStore,
  GatewayInfo,
  Lease,
  Scope,
  Role,
  CallerInfo,
  MethodCall,
  MethodOptions,
  MethodRegistrar,
  EventBus,
  EmitOptions,
  InternalEventMap,
  ServiceMap,
  ServiceName,
  ServiceOf,
  ServiceRegistry,
  ToolRegistrar,
  ChannelRegistrar,
} from './context.js';
export { ChannelSendError } from './channel.js';
export type {
  ChannelAdapter,
  ChannelCapabilities,
  ChannelStatus,
  ChannelAccountStatus,
  OutboundMessage,
  InboundMessage,
  SendResult,
} from './channel.js';
export type { AgentTool, ToolInvocation } from './tool.js';
export type {
  AgentService,
  AgentSubmitRequest,
  AgentRunResult,
  AgentRunEvent,
  AgentRunOrigin,
  SessionsService,
  OutboundService,
  OutboundRequest,
  ChannelRouter,
  AccessPolicy,
  InboundOutcome,
} from './services.js';
