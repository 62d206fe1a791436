/**
 * Make a value from the network (a header, a client-supplied name) safe to log: control and
 * non-printable characters escaped, length capped, so a peer cannot forge log lines or flood.
 */
export function untrustedText(value: unknown, max = 200): string | undefined {
  if (value === undefined || value === null) return undefined;
  const s = Array.isArray(value) ? value.join(',') : String(value);
  const escaped = s.replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return escaped.length > max ? `${escaped.slice(0, max)}…(${escaped.length - max} more)` : escaped;
}
