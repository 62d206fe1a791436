/** What a provider accepts as one image. */
export interface ImageLimits {
  /** Longest edge in pixels; bigger images are scaled down (aspect kept). */
  maxEdge: number;
  /** Decoded bytes; bigger images are re-encoded (JPEG, lower quality, then smaller). */
  maxBytes: number;
}

/**
 * Per wire format. Anthropic: 1568 px is the size its models see without scaling (the API takes
 * up to 8000) and 5 MB per image; OpenAI: high detail fits images in 2048 px, 20 MB per image.
 */
const BY_API: Record<string, ImageLimits> = {
  'anthropic-messages': { maxEdge: 1568, maxBytes: 5 * 1024 * 1024 },
  'openai-completions': { maxEdge: 2048, maxBytes: 20 * 1024 * 1024 },
};

/** The strictest limits of the models a run may use (its fallbacks included), capped by config. */
export function imageLimitsFor(apis: readonly string[], configuredMaxEdge?: number): ImageLimits {
  const all = apis.map((api) => BY_API[api] ?? BY_API['anthropic-messages']!);
  return {
    maxEdge: Math.min(configuredMaxEdge ?? Infinity, ...all.map((l) => l.maxEdge)),
    maxBytes: Math.min(...all.map((l) => l.maxBytes)),
  };
}
