export interface PluginRoute {
    method: string;
    url: string;
}
/**
 * Which plugin owns an HTTP route. Rebuilt on every swap (cheap: a few routes per plugin);
 * requests are matched here, then handed to that plugin's current inner Fastify instance.
 */
export declare class RouteTable {
    private router;
    private readonly byOwner;
    /** Routes of other owners that `routes` would collide with. */
    conflicts(owner: string, routes: readonly PluginRoute[]): string[];
    set(owner: string, routes: readonly PluginRoute[]): void;
    delete(owner: string): void;
    routesOf(owner: string): PluginRoute[];
    /** The owner of the route matching this request, if any. */
    match(method: string, url: string): string | undefined;
    /** Owners with a route on this path under any method (for 405 answers). */
    hasPath(url: string): string | undefined;
    private rebuild;
}
