import type { Broadcaster } from './broadcaster.js';
import type { PresenceTable } from './presence.js';
/** Rows carried by a `presence` event; `system-presence` returns them all. */
export declare const PRESENCE_EVENT_MAX_ROWS = 100;
/** At most one `presence` broadcast per window; changes inside it coalesce into one trailing event. */
export declare const PRESENCE_THROTTLE_MS = 1000;
/**
 * Announces presence changes. A burst of joins (a fleet of apps reconnecting after a restart)
 * would otherwise send the whole list to every client on every join — O(n²) bytes. The first
 * change goes out at once; further changes within the window coalesce into one trailing event.
 */
export declare class PresenceAnnouncer {
    private readonly broadcaster;
    private readonly presence;
    private readonly windowMs;
    private lastSentAt;
    private timer?;
    constructor(broadcaster: Broadcaster, presence: PresenceTable, windowMs?: number);
    /** The presence table changed (stateVersion is bumped here, once per change). */
    changed(): void;
    dispose(): void;
    private send;
}
