/** What a mapping's template can read: the JSON body, request headers and query, the time. */
export interface TemplateInput {
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, string>;
  path: string;
  now: number;
}

/** `body.a.b[0].c` → ['a', 'b', '0', 'c'] */
function segments(path: string): string[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
}

function lookup(root: unknown, keys: string[]): unknown {
  let cur: unknown = root;
  for (const k of keys) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * `{{body.field}}`, `{{body.items[0].name}}`, `{{headers.x-github-event}}`, `{{query.id}}`,
 * `{{path}}`, `{{now}}` (ISO time). A placeholder that names nothing becomes ''. Objects are
 * inserted as JSON. Nothing else is evaluated: a template is text, not code.
 */
export function renderTemplate(template: string, input: TemplateInput): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_.[\]-]+)\s*\}\}/g, (_, expr: string) => {
    const [head, ...rest] = segments(expr);
    switch (head) {
      case 'body':
        return show(lookup(input.body, rest));
      case 'headers':
        return show(input.headers[rest.join('.').toLowerCase()]);
      case 'query':
        return show(input.query[rest.join('.')]);
      case 'path':
        return input.path;
      case 'now':
        return new Date(input.now).toISOString();
      default:
        return '';
    }
  });
}
