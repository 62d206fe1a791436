export interface PortOwner {
    pid: number;
    command: string;
}
/** Processes listening on a TCP port (Linux: /proc; elsewhere: lsof). */
export declare function findListeners(port: number): PortOwner[];
/**
 * `--force`: stop whatever listens on the port — SIGTERM, then SIGKILL after the grace period.
 * Returns what it stopped so the caller can log it.
 */
export declare function freePort(port: number, graceMs?: number): Promise<Array<PortOwner & {
    signal: 'SIGTERM' | 'SIGKILL';
}>>;
