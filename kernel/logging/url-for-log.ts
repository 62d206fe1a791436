/**
 * A request URL as it may be logged: the path only. Query strings carry secrets often enough
 * (`?token=`, a webhook's `?secret=`) that none is ever written to gateway.log; the path tells
 * what was asked for, and that the query was dropped shows as `?…`.
 */
export function urlForLog(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const q = url.indexOf('?');
  return q === -1 ? url : `${url.slice(0, q)}?…`;
}
