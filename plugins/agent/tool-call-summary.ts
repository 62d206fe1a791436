const VALUE_CHARS = 80;
const SUMMARY_CHARS = 300;

/**
 * One line a chat sees for a tool call under `/verbose on`: the tool and its main arguments,
 * cut short (a file's content or a long script is not echoed into the chat).
 */
export function toolCallSummary(name: string, argumentsJson: string): string {
  let args: unknown;
  try {
    args = JSON.parse(argumentsJson || '{}');
  } catch {
    args = undefined;
  }
  const parts: string[] = [];
  if (args && typeof args === 'object' && !Array.isArray(args)) {
    for (const [key, value] of Object.entries(args as Record<string, unknown>)) {
      if (value === null || typeof value === 'object') continue;
      const text = String(value).replace(/\s+/g, ' ').trim();
      parts.push(`${key}: ${text.length > VALUE_CHARS ? `${text.slice(0, VALUE_CHARS)}…` : text}`);
    }
  }
  const line = `🔧 ${name}${parts.length ? ` — ${parts.join(', ')}` : ''}`;
  return line.length > SUMMARY_CHARS ? `${line.slice(0, SUMMARY_CHARS)}…` : line;
}
