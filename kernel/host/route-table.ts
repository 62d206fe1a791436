import FindMyWay from 'find-my-way';
import type { HttpErrorBody } from '../../sdk/http-route-config.js';

export interface PluginRoute {
  method: string;
  url: string;
  /** The route's documented error body (`config.errorBody`), read when a refusal needs it. */
  readonly errorBody?: HttpErrorBody;
}

interface RouteStore {
  owner: string;
  route: PluginRoute;
}

/**
 * Which plugin owns an HTTP route. Rebuilt on every swap (cheap: a few routes per plugin);
 * requests are matched here, then handed to that plugin's current inner Fastify instance.
 */
export class RouteTable {
  private router = FindMyWay({ ignoreTrailingSlash: true });
  private readonly byOwner = new Map<string, PluginRoute[]>();

  /** Routes of other owners that `routes` would collide with. */
  conflicts(owner: string, routes: readonly PluginRoute[]): string[] {
    const out: string[] = [];
    const trial = FindMyWay({ ignoreTrailingSlash: true });
    for (const [o, list] of this.byOwner) {
      if (o === owner) continue;
      for (const r of list) trial.on(r.method as FindMyWay.HTTPMethod, r.url, () => undefined, { owner: o, route: r });
    }
    for (const r of routes) {
      try {
        trial.on(r.method as FindMyWay.HTTPMethod, r.url, () => undefined, { owner, route: r });
      } catch {
        const declared = trial.find(r.method as FindMyWay.HTTPMethod, r.url)?.store as RouteStore | undefined;
        if (declared?.owner !== owner) out.push(`${r.method} ${r.url}`);
      }
    }
    return out;
  }

  set(owner: string, routes: readonly PluginRoute[]): void {
    this.byOwner.set(owner, [...routes]);
    this.rebuild();
  }

  delete(owner: string): void {
    if (this.byOwner.delete(owner)) this.rebuild();
  }

  routesOf(owner: string): PluginRoute[] {
    return [...(this.byOwner.get(owner) ?? [])];
  }

  /** The owner of the route matching this request, if any. */
  match(method: string, url: string): string | undefined {
    return this.find(method, url)?.owner;
  }

  /** A route on this path under any method (for 405 answers, in that route's error body). */
  onPath(url: string): RouteStore | undefined {
    for (const m of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      const found = this.find(m, url);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * A route with its own error body under the same first path segment (`/v1/…`), so an unknown
   * path of an API answers 404 in that API's error shape (OpenAI clients read `/v1/embeddings`'s
   * 404 as theirs). Undefined when no route there declares a body.
   */
  nearest(url: string): RouteStore | undefined {
    const first = firstSegment(url);
    if (!first) return undefined;
    for (const [owner, list] of this.byOwner)
      for (const route of list) if (route.errorBody && firstSegment(route.url) === first) return { owner, route };
    return undefined;
  }

  private find(method: string, url: string): RouteStore | undefined {
    const found = this.router.find(method as FindMyWay.HTTPMethod, url.split('?')[0]!);
    return found ? (found.store as RouteStore) : undefined;
  }

  private rebuild(): void {
    const next = FindMyWay({ ignoreTrailingSlash: true });
    for (const [owner, list] of this.byOwner) {
      for (const r of list) {
        try {
          next.on(r.method as FindMyWay.HTTPMethod, r.url, () => undefined, { owner, route: r });
        } catch (err) {
          // `/ui` beside `/ui/` (a redirect to the slash): one path here, where the trailing slash
          // does not count; the plugin's own instance tells them apart. Another owner's is a conflict.
          const declared = next.find(r.method as FindMyWay.HTTPMethod, r.url)?.store as RouteStore | undefined;
          if (declared?.owner !== owner) throw err;
        }
      }
    }
    this.router = next;
  }
}

/** `/v1/chat/completions?x` → `v1`. */
function firstSegment(url: string): string | undefined {
  return url.split('?')[0]!.split('/').filter(Boolean)[0];
}
