/**
 * `gateway.bind` → the address to listen on: `loopback` (default) 127.0.0.1, `lan` 0.0.0.0,
 * `tailnet` this machine's Tailscale address (100.64.0.0/10), `auto` loopback, or a literal IP.
 */
export declare function resolveBindHost(bind: string | undefined): string;
export declare function isLoopbackBind(host: string): boolean;
