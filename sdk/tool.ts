import type { TSchema } from 'typebox';
import type { AgentRunOrigin } from './services.js';

/** Where a tool call comes from; policy decisions (e.g. HTTP denials) use it. */
export interface ToolInvocation {
  agentId: string;
  sessionKey?: string;
  /** `agent` for a model's tool call, `http` for `POST /tools/invoke`. */
  via: 'agent' | 'http';
  signal: AbortSignal;
  /** The agent run making the call (absent over HTTP). */
  runId?: string;
  /** The channel conversation the run serves, when it came from one. */
  origin?: AgentRunOrigin;
  /** The agent's workspace folder on the host (`agents.list[].workspace`, `~` expanded). */
  workspaceDir?: string;
}

/** An agent tool registered through `ctx.tools.register`. */
export interface AgentTool {
  name: string;
  description: string;
  /** JSON schema (TypeBox) of the arguments; validated before `execute` runs. */
  parameters: TSchema;
  /**
   * Tools that change the gateway or reach outside are denied over HTTP unless
   * `gateway.http.toolsInvoke.allow` lists them.
   */
  dangerous?: boolean;
  execute(args: any, invocation: ToolInvocation): unknown | Promise<unknown>;
}
