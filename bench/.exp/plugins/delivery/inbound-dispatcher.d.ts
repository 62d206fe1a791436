import type { Logger } from 'pino';
import type { AgentService, ChannelRegistrar, Lease } from '../../sdk/index.js';
import type { InboundStore } from './inbound-store.js';
import type { OutboundQueue } from './outbound-queue.js';
/**
 * Runs one agent turn per stored inbound message, oldest first (the agent serializes per
 * session), and enqueues the reply in the same transaction that marks the message done. A
 * message whose turn did not finish (crash, restart) is still `pending` and replays once.
 */
export declare class InboundDispatcher {
    private readonly deps;
    private kicked;
    constructor(deps: {
        store: InboundStore;
        outbound: OutboundQueue;
        db: import('better-sqlite3').Database;
        agent: () => AgentService | undefined;
        channels: ChannelRegistrar;
        lease: Lease;
        logger: Logger;
    });
    start(): void;
    kick(): void;
    private pump;
    private runTurn;
    private startTyping;
}
