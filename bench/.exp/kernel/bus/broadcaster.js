/**
 * Wire events. Broadcasts get a gateway-wide increasing `seq`; `presence` and `health` also
 * carry `stateVersion`. Each frame is serialized once whatever the number of clients.
 */
export class Broadcaster {
    seq = 0;
    stateVersion = { presence: 0, health: 0 };
    ready = new Map();
    declared = new Map();
    /** Called after each broadcast (the `--verbose` console mirror of events). */
    onBroadcast;
    constructor(coreEvents) {
        for (const e of coreEvents)
            this.declared.set(e, 'kernel');
    }
    declare(name, owner) {
        this.declared.set(name, owner);
    }
    undeclareOwner(owner) {
        for (const [name, o] of this.declared)
            if (o === owner)
                this.declared.delete(name);
    }
    eventNames() {
        return [...this.declared.keys()].sort();
    }
    add(conn) {
        this.ready.set(conn.id, conn);
    }
    remove(conn) {
        this.ready.delete(conn.id);
    }
    get(connId) {
        return this.ready.get(connId);
    }
    connections() {
        return this.ready.values();
    }
    get size() {
        return this.ready.size;
    }
    bumpPresence() {
        this.stateVersion.presence++;
    }
    bumpHealth() {
        this.stateVersion.health++;
    }
    get currentSeq() {
        return this.seq;
    }
    broadcast(event, payload, filter) {
        const seq = ++this.seq;
        const frame = { type: 'event', event, payload, seq };
        if (event === 'presence' || event === 'health')
            frame.stateVersion = { ...this.stateVersion };
        const text = JSON.stringify(frame);
        let delivered = 0;
        for (const conn of this.ready.values()) {
            if (filter && (!conn.caller || !filter(conn.caller)))
                continue;
            if (conn.sendText(text))
                delivered++;
        }
        this.onBroadcast?.(event, seq, delivered);
        return delivered;
    }
    sendTo(connId, event, payload) {
        const conn = this.ready.get(connId);
        return conn ? conn.sendFrame({ type: 'event', event, payload }) : false;
    }
}
//# sourceMappingURL=broadcaster.js.map