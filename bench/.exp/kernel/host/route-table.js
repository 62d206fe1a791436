import FindMyWay from 'find-my-way';
/**
 * Which plugin owns an HTTP route. Rebuilt on every swap (cheap: a few routes per plugin);
 * requests are matched here, then handed to that plugin's current inner Fastify instance.
 */
export class RouteTable {
    router = FindMyWay({ ignoreTrailingSlash: true });
    byOwner = new Map();
    /** Routes of other owners that `routes` would collide with. */
    conflicts(owner, routes) {
        const out = [];
        const trial = FindMyWay({ ignoreTrailingSlash: true });
        for (const [o, list] of this.byOwner) {
            if (o === owner)
                continue;
            for (const r of list)
                trial.on(r.method, r.url, () => undefined, { owner: o });
        }
        for (const r of routes) {
            try {
                trial.on(r.method, r.url, () => undefined, { owner });
            }
            catch {
                out.push(`${r.method} ${r.url}`);
            }
        }
        return out;
    }
    set(owner, routes) {
        this.byOwner.set(owner, [...routes]);
        this.rebuild();
    }
    delete(owner) {
        if (this.byOwner.delete(owner))
            this.rebuild();
    }
    routesOf(owner) {
        return [...(this.byOwner.get(owner) ?? [])];
    }
    /** The owner of the route matching this request, if any. */
    match(method, url) {
        const found = this.router.find(method, url.split('?')[0]);
        return found ? found.store.owner : undefined;
    }
    /** Owners with a route on this path under any method (for 405 answers). */
    hasPath(url) {
        for (const m of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
            const o = this.match(m, url);
            if (o)
                return o;
        }
        return undefined;
    }
    rebuild() {
        const next = FindMyWay({ ignoreTrailingSlash: true });
        for (const [owner, list] of this.byOwner) {
            for (const r of list)
                next.on(r.method, r.url, () => undefined, { owner });
        }
        this.router = next;
    }
}
//# sourceMappingURL=route-table.js.map