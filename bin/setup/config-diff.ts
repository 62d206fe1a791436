import { createHash } from 'node:crypto';
import { structuredPatch } from 'diff';
import { REDACTED, redactSecrets } from '../../kernel/config/redact-secrets.js';

/** Shown in a diff where a secret is (a changed secret still shows as a changed line). */
const SECRET_SHOWN = '•••';

/**
 * What a config write changes, as unified-diff lines (`+`/`-`, three lines of context), with every
 * secret masked: the diff is shown on a terminal that others may see or record. A secret that
 * changes still shows a `-`/`+` pair, masked with its length so the change is visible.
 */
export function configDiff(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const text = (c: Record<string, unknown>) => `${JSON.stringify(maskSecrets(c), null, 2)}\n`;
  const patch = structuredPatch('moltbot.json', 'moltbot.json', text(before), text(after), '', '', { context: 3 });
  const lines: string[] = [];
  for (const hunk of patch.hunks) {
    lines.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
    lines.push(...hunk.lines.filter((l) => !l.startsWith('\\')));
  }
  return lines;
}

function maskSecrets(config: Record<string, unknown>): unknown {
  return replacePlaceholder(redactSecrets(config), config);
}

/** REDACTED → "••• (43 chars, #1a2b)", so that replacing one secret by another still shows. */
function replacePlaceholder(masked: unknown, original: unknown): unknown {
  if (masked === REDACTED)
    return `${SECRET_SHOWN} (${String(original).length} chars, #${fingerprint(String(original))})`;
  if (Array.isArray(masked)) return masked.map((m, i) => replacePlaceholder(m, (original as unknown[])?.[i]));
  if (masked && typeof masked === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(masked))
      out[k] = replacePlaceholder(v, (original as Record<string, unknown> | undefined)?.[k]);
    return out;
  }
  return masked;
}

/** 16 bits of a hash: enough to see that a secret changed, nothing to guess it from. */
function fingerprint(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 4);
}
