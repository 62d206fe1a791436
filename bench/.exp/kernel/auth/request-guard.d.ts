export interface HostPolicy {
    port: number;
    bindHost: string;
    /** `gateway.allowedHosts`. */
    allowedHosts: readonly string[];
    /** `gateway.controlUi.allowedOrigins`. */
    allowedOrigins: readonly string[];
}
/** The hostname part of a Host header (`a.b:123` → `a.b`, `[::1]:1` → `[::1]`), lower-cased. */
export declare function hostnameOf(hostHeader: string): string;
/**
 * DNS-rebinding guard: the Host header must name this gateway — a loopback name, the bind
 * address (any local address when bound to all interfaces), or a configured name.
 */
export declare function isAllowedHost(hostHeader: string | undefined, policy: HostPolicy): boolean;
/**
 * Cross-site WebSocket hijacking guard: a browser (which always sends Origin) may connect only
 * from the gateway's own origin (same host as the Host header) or a configured origin.
 * Non-browser clients send no Origin and pass.
 */
export declare function isAllowedOrigin(origin: string | undefined, hostHeader: string | undefined, policy: HostPolicy): boolean;
