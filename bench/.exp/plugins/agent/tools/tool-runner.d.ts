import type { AgentTool, ToolInvocation } from '../../../sdk/index.js';
/** Check arguments against the tool's JSON schema; throws GW_ERR_AGENT_TOOL_ARGS naming each problem. */
export declare function validateToolArgs(tool: AgentTool, args: unknown): void;
/** Parse a model's argument string; `{}` for an empty one. */
export declare function parseToolArgs(tool: string, raw: string): unknown;
export declare function executeTool(tool: AgentTool, args: unknown, invocation: ToolInvocation): Promise<unknown>;
/** A tool result as the text the model reads (JSON for objects, capped). */
export declare function resultText(result: unknown): string;
