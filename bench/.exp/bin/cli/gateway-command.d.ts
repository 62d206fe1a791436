import { GatewayClient } from '../client/gateway-client.js';
import { MoltbotCommand } from './base-command.js';
import { type LocalProfile } from './local-profile.js';
export interface GatewayTarget {
    url: string;
    token?: string;
    password?: string;
    /** Where the URL came from, for messages. */
    source: 'flag' | 'profile';
}
/**
 * Base of commands that talk to a running gateway. The options are spelled here once:
 * `--url`, `--token`, `--password`, `--timeout`, `--json`. The client is a real protocol
 * client (same handshake as any other), identified as `cli`/`cli`.
 */
export declare abstract class GatewayCommand extends MoltbotCommand {
    url: string | undefined;
    token: string | undefined;
    password: string | undefined;
    timeout: string | undefined;
    json: boolean;
    wantsJson(): boolean;
    timeoutMs(fallback?: number): number;
    localProfile(): LocalProfile;
    /** URL and secret, by precedence: flag > environment > the profile's config file. */
    target(local?: LocalProfile): GatewayTarget;
    connect(target?: GatewayTarget): Promise<GatewayClient>;
    /** Connect, run one request, close. */
    call<T = any>(method: string, params?: unknown, timeoutMs?: number): Promise<T>;
    /** `--json` → the payload as JSON; otherwise the human rendering. */
    emit(payload: unknown, human: () => void): void;
}
