import type { IncomingHttpHeaders } from 'node:http';
export interface TailscaleIdentity {
    login: string;
    name?: string;
}
/**
 * Tailscale Serve proxies to the gateway on loopback and adds identity headers. They count only
 * when the option is on AND the TCP peer is loopback (Serve itself) AND the forwarding headers
 * Serve adds are present; from anyone else the same headers are ignored.
 */
export declare function tailscaleIdentity(headers: IncomingHttpHeaders, peer: string | undefined, allow: boolean): TailscaleIdentity | undefined;
