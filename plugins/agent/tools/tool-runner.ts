import { Compile } from 'typebox/compile';
import type { AgentTool, ToolInvocation, TSchema } from '../../../sdk/index.js';
import { agentError } from '../errors.js';

const MAX_RESULT_CHARS = 64 * 1024;
const compiled = new WeakMap<TSchema, ReturnType<typeof Compile>>();

function validatorOf(schema: TSchema): ReturnType<typeof Compile> {
  let v = compiled.get(schema);
  if (!v) {
    v = Compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

/** Check arguments against the tool's JSON schema; throws GW_ERR_AGENT_TOOL_ARGS naming each problem. */
export function validateToolArgs(tool: AgentTool, args: unknown): void {
  const v = validatorOf(tool.parameters);
  if (v.Check(args)) return;
  const problems: string[] = [];
  for (const e of v.Errors(args)) {
    if (e.message === 'schema is false') continue;
    problems.push(`${e.instancePath || '(root)'}: ${e.message}`);
    if (problems.length >= 5) break;
  }
  throw agentError('GW_ERR_AGENT_TOOL_ARGS', `invalid arguments for tool ${tool.name}: ${problems.join('; ')}`, {
    details: { tool: tool.name, problems },
  });
}

/** Parse a model's argument string; `{}` for an empty one. */
export function parseToolArgs(tool: string, raw: string): unknown {
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw) as unknown;
  } catch (err) {
    throw agentError(
      'GW_ERR_AGENT_TOOL_ARGS',
      `arguments for tool ${tool} are not valid JSON: ${(err as Error).message}`,
    );
  }
}

export async function executeTool(tool: AgentTool, args: unknown, invocation: ToolInvocation): Promise<unknown> {
  validateToolArgs(tool, args);
  return await tool.execute(args, invocation);
}

/** A tool result as the text the model reads (JSON for objects, capped). */
export function resultText(result: unknown): string {
  const text = typeof result === 'string' ? result : JSON.stringify(result ?? null);
  return text.length > MAX_RESULT_CHARS ? `${text.slice(0, MAX_RESULT_CHARS)}\n…(truncated)` : text;
}
