export interface LockHolder {
    pid: number;
    token: string;
    since: number;
}
/**
 * One gateway per host holds WhatsApp sessions: a lock file in the credentials folder. A lock
 * of a dead process is taken over; a newer generation in the same process takes it over too
 * (reloads), and only the current holder's release deletes it.
 */
export declare class SessionLock {
    private readonly file;
    readonly token: `${string}-${string}-${string}-${string}-${string}`;
    constructor(file: string);
    static at(root: string): SessionLock;
    /** Take the lock, or return who holds it. */
    acquire(): {
        ok: true;
    } | {
        ok: false;
        holder: LockHolder;
    };
    release(): void;
    private read;
}
