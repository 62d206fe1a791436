/**
 * The Moltbot Gateway plugin SDK — the only module a plugin imports.
 *
 * Commonly used: definePlugin, Type (TypeBox), PluginContext.
 * Channels: ChannelAdapter and friends. Agent tools: AgentTool.
 * Expert: the registry interfaces, ServiceMap (augment it to type your services).
 */

export { default as Type, type Static, type TSchema } from 'typebox';
export {
  ADDRESS_RANGE_EXAMPLES,
  type AddressCheck,
  type AddressRange,
  addressPolicy,
  addressRangeProblem,
  checkedLookup,
  literalHostReason,
  nonPublicReason,
  parseAddressRange,
} from './address-policy.js';
export { abortableSleep, type BackoffOptions, backoff } from './backoff.js';
export type {
  ChannelAccountState,
  ChannelAccountStatus,
  ChannelAdapter,
  ChannelCapabilities,
  ChannelStatus,
  InboundMessage,
  OutboundMessage,
  SendResult,
} from './channel.js';
export { ChannelSendError } from './channel.js';
export { findChromiumOnPath, isExecutableFile } from './chromium-executable.js';
export { clientGone } from './client-gone.js';
export type { ChatCommand, ChatCommandInvocation, ChatCommandReply } from './command.js';
export type {
  CallerInfo,
  ChannelRegistrar,
  CommandRegistrar,
  CredentialCheck,
  CredentialRequest,
  Disposer,
  EmitOptions,
  EventBus,
  GatewayInfo,
  HealthReporter,
  HelloClient,
  HelloFields,
  HelloRegistrar,
  InternalEventMap,
  Lease,
  ListenerRegistrar,
  ListenerSpec,
  MethodCall,
  MethodOptions,
  MethodRegistrar,
  OpenListener,
  PluginApp,
  PluginAuth,
  PluginContext,
  PluginPaths,
  PluginStore,
  Role,
  Scope,
  ServiceMap,
  ServiceName,
  ServiceOf,
  ServiceRegistry,
  StatusSections,
  ToolRegistrar,
} from './context.js';
export { definePlugin, isPluginDefinition, type PluginDefinition } from './define-plugin.js';
export type {
  ApproveOptions,
  ConnectedClient,
  ConnectionDirectory,
  DeviceDirectory,
  PairedDevice,
  PairingRequest,
} from './devices.js';
export { EndpointToolsConfig } from './endpoint-tools-config.js';
export {
  defineErrors,
  type ErrorOptions,
  type ErrorRegistry,
  type ErrorSpec,
  PluginError,
  type WireErrorCode,
} from './errors.js';
export type {
  ExecApprovalDecision,
  ExecApprovalRequest,
  ExecApprovalService,
} from './exec-approvals.js';
export { type HttpErrorBody, type HttpErrorInfo, type RouteSchemaProblem, useErrorBody } from './http-route-config.js';
export { acceptJsonBodiesOnly } from './json-body.js';
export type {
  CounterMetric,
  GaugeMetric,
  GaugeReading,
  HistogramMetric,
  MetricLabels,
  MetricOptions,
  MetricsRegistrar,
} from './metrics.js';
export { type OpenAiError, openAiErrorBody, openAiErrorType, openAiRunError } from './openai-error-body.js';
export { preparedStatement } from './prepared-statement.js';
export type {
  CommandProcess,
  SandboxDecision,
  SandboxEntry,
  SandboxMode,
  SandboxScope,
  SandboxService,
  SandboxSession,
  WorkspaceAccess,
} from './sandbox.js';
export type {
  AccessPolicy,
  AgentAttachment,
  AgentImage,
  AgentRunEvent,
  AgentRunOrigin,
  AgentRunResult,
  AgentService,
  AgentSessionInfo,
  AgentSubmitRequest,
  AgentToolCall,
  AgentToolResult,
  AgentTurn,
  ChannelRouter,
  DeliveryRoute,
  HeartbeatService,
  InboundOutcome,
  NodeInvokeRequest,
  NodeSummary,
  NodesService,
  OutboundRequest,
  OutboundService,
  SessionsService,
  TranscriberService,
  WakeMode,
} from './services.js';
export type { AgentTool, ToolInvocation } from './tool.js';
export {
  expandToolGroups,
  TOOL_GROUPS,
  type ToolPolicy,
  toolAllowedBy,
  toolNameMatches,
  WRITE_TOOLS,
} from './tool-policy.js';
export { SDK_VERSION } from './version.js';
