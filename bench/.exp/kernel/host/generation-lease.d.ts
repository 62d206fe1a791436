import type { Logger } from 'pino';
import type { Lease } from '../../sdk/context.js';
/**
 * A generation's lease (Cordis-style effects): every registration is a labelled disposer;
 * `end()` runs them in reverse order, once, logging (not throwing) their errors. A retired lease
 * refuses new effects with GW_ERR_LEASE_INACTIVE.
 */
export declare class GenerationLease implements Lease {
    private readonly owner;
    private readonly logger;
    private readonly controller;
    private readonly effects;
    private readonly inflight;
    private ending?;
    constructor(owner: string, logger: Logger);
    get signal(): AbortSignal;
    get active(): boolean;
    defer(label: string, dispose: () => unknown | Promise<unknown>): void;
    interval(label: string, ms: number, fn: () => void): void;
    timeout(label: string, ms: number, fn: () => void): void;
    track<T>(work: Promise<T>): Promise<T>;
    get inflightCount(): number;
    /** Resolves when tracked work is done (or never, if it never ends: callers race a deadline). */
    settled(): Promise<void>;
    /** Abort the signal and run every disposer in reverse order. Safe to call twice. */
    end(): Promise<void>;
    get effectCount(): number;
    private runDisposers;
    private guard;
}
