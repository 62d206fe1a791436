/** Rows carried by a `presence` event; `system-presence` returns them all. */
export const PRESENCE_EVENT_MAX_ROWS = 100;
/** At most one `presence` broadcast per window; changes inside it coalesce into one trailing event. */
export const PRESENCE_THROTTLE_MS = 1000;
/**
 * Announces presence changes. A burst of joins (a fleet of apps reconnecting after a restart)
 * would otherwise send the whole list to every client on every join — O(n²) bytes. The first
 * change goes out at once; further changes within the window coalesce into one trailing event.
 */
export class PresenceAnnouncer {
    broadcaster;
    presence;
    windowMs;
    lastSentAt = 0;
    timer;
    constructor(broadcaster, presence, windowMs = PRESENCE_THROTTLE_MS) {
        this.broadcaster = broadcaster;
        this.presence = presence;
        this.windowMs = windowMs;
    }
    /** The presence table changed (stateVersion is bumped here, once per change). */
    changed() {
        this.broadcaster.bumpPresence();
        if (this.timer)
            return;
        const wait = this.lastSentAt + this.windowMs - Date.now();
        if (wait <= 0) {
            this.send();
            return;
        }
        this.timer = setTimeout(() => {
            this.timer = undefined;
            this.send();
        }, wait);
        this.timer.unref();
    }
    dispose() {
        if (this.timer)
            clearTimeout(this.timer);
        this.timer = undefined;
    }
    send() {
        this.lastSentAt = Date.now();
        const rows = this.presence.list();
        const payload = { presence: rows.slice(0, PRESENCE_EVENT_MAX_ROWS) };
        if (rows.length > PRESENCE_EVENT_MAX_ROWS)
            payload.total = rows.length;
        this.broadcaster.broadcast('presence', payload);
    }
}
//# sourceMappingURL=presence-announcer.js.map