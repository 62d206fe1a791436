import type { Logger } from 'pino';
import { type ChannelRegistrar, type Lease, type OutboundRequest, type OutboundService } from '../../sdk/index.js';
import type { DeliveryConfig } from './config-schema.js';
import { OutboundStore } from './outbound-store.js';
/**
 * The durable outbound queue: `enqueue` persists before it returns; a pump delivers each chat's
 * oldest pending part through the channel adapter, retries with backoff, and moves parts that
 * keep failing (or fail permanently) to the dead-letter list. Delivery is at-least-once; the
 * idempotency key makes the enqueue effect once.
 */
export declare class OutboundQueue implements OutboundService {
    private readonly deps;
    readonly store: OutboundStore;
    private pumping;
    private kicked;
    constructor(db: ConstructorParameters<typeof OutboundStore>[0], deps: {
        channels: ChannelRegistrar;
        lease: Lease;
        logger: Logger;
        config: DeliveryConfig['outbound'];
    });
    start(): void;
    enqueue(request: OutboundRequest): {
        messageId: string;
        duplicate: boolean;
    };
    /** Schedule a pump soon (after the current tick, so callers' transactions commit first). */
    kick(): void;
    private pump;
    private deliver;
}
