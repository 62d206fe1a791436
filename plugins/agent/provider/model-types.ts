/** The provider-neutral shape of a conversation, translated to each wire format. */
export interface ToolCall {
  id: string;
  name: string;
  /** The arguments as the model produced them (a JSON string). */
  arguments: string;
}

/** An image the model sees: a data URL or an http(s) URL (`AgentImage` of the SDK). */
export interface ImagePart {
  url: string;
  detail?: 'auto' | 'low' | 'high';
}

export type ChatMessage =
  | { role: 'user'; content: string; images?: ImagePart[] }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; name: string; content: string; isError?: boolean };

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON schema of the arguments. */
  parameters: Record<string, unknown>;
}

export interface Usage {
  /** Every prompt token, those read from or written to the provider's cache included. */
  inputTokens: number;
  outputTokens: number;
  /** Prompt tokens served from the provider's cache (priced as `cost.cacheRead`). */
  cacheReadTokens?: number;
  /** Prompt tokens written to the provider's cache (priced as `cost.cacheWrite`). */
  cacheWriteTokens?: number;
}

export interface ModelCall {
  model: string;
  system: string;
  messages: ChatMessage[];
  tools: ToolSpec[];
  maxTokens: number;
  /**
   * Reasoning effort for models marked `reasoning: true` (`/think`, `thinking`): OpenAI's
   * `reasoning_effort`, Anthropic's extended thinking budget. Absent or `off`: none asked for.
   */
  thinking?: string;
  signal: AbortSignal;
  /** Streamed assistant text as it arrives. */
  onDelta(text: string): void;
}

/** One assistant turn as the model produced it. */
export interface ModelTurn {
  text: string;
  toolCalls: ToolCall[];
  usage: Usage;
  stopReason?: string;
}

/** Where and how to reach one provider (resolved from `models.providers.<name>`). */
export interface ProviderEndpoint {
  name: string;
  baseUrl: string;
  apiKey?: string;
  headers: Record<string, string>;
}

/** One wire format: builds the HTTP request and reads the SSE stream back into a ModelTurn. */
export interface WireFormat {
  request(endpoint: ProviderEndpoint, call: ModelCall): { url: string; headers: Record<string, string>; body: unknown };
  readStream(events: AsyncIterable<{ event?: string; data: string }>, call: ModelCall): Promise<ModelTurn>;
  /** The provider's error message from an error body (both APIs nest it in `error.message`). */
  errorMessage(body: unknown): string | undefined;
}
