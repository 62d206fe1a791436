import FindMyWay from 'find-my-way';

export interface PluginRoute {
  method: string;
  url: string;
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
      for (const r of list) trial.on(r.method as FindMyWay.HTTPMethod, r.url, () => undefined, { owner: o });
    }
    for (const r of routes) {
      try {
        trial.on(r.method as FindMyWay.HTTPMethod, r.url, () => undefined, { owner });
      } catch {
        out.push(`${r.method} ${r.url}`);
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
    const found = this.router.find(method as FindMyWay.HTTPMethod, url.split('?')[0]!);
    return found ? (found.store as { owner: string }).owner : undefined;
  }

  /** Owners with a route on this path under any method (for 405 answers). */
  hasPath(url: string): string | undefined {
    for (const m of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      const o = this.match(m, url);
      if (o) return o;
    }
    return undefined;
  }

  private rebuild(): void {
    const next = FindMyWay({ ignoreTrailingSlash: true });
    for (const [owner, list] of this.byOwner) {
      for (const r of list) next.on(r.method as FindMyWay.HTTPMethod, r.url, () => undefined, { owner });
    }
    this.router = next;
  }
}
