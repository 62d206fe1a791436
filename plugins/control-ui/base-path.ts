/** `basePath` as routes use it: a leading and a trailing slash (`"/ui"` → `"/ui/"`, `""` → `"/"`). */
export function normalizeBasePath(raw: string): string {
  const trimmed = raw.trim().replace(/\/{2,}/g, '/');
  const withLead = trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
  return withLead.endsWith('/') ? withLead : `${withLead}/`;
}
