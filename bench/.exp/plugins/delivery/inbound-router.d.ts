import type { Database } from 'better-sqlite3';
import type { Logger } from 'pino';
import type { AccessPolicy, ChannelRouter, InboundMessage, InboundOutcome } from '../../sdk/index.js';
import type { InboundStore } from './inbound-store.js';
import type { OutboundQueue } from './outbound-queue.js';
import type { PairingStore } from './pairing-store.js';
export interface RouterDeps {
    db: Database;
    inbound: InboundStore;
    pairing: PairingStore;
    outbound: OutboundQueue;
    logger: Logger;
    /** Wake the agent dispatcher (a message was queued). */
    onQueued(): void;
    /** A stranger got a pairing code (for the `pairing.requested` event). */
    onPairingRequested(request: {
        channel: string;
        accountId: string;
        code: string;
        senderId: string;
        senderName?: string;
    }): void;
    /** Text of the `/status` answer, built without the agent. */
    statusText(message: InboundMessage): string;
}
/**
 * The `router` service: store the message (with what the policy decided) in the same
 * transaction as any immediate reply, then let the dispatcher run the agent turn. Resolving
 * means "stored": the channel may acknowledge its source. Strangers never reach the agent.
 */
export declare class InboundRouter implements ChannelRouter {
    private readonly deps;
    constructor(deps: RouterDeps);
    inbound(message: InboundMessage, policy: AccessPolicy): Promise<InboundOutcome>;
}
export declare function pairingText(channel: string, code: string): string;
