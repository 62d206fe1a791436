/**
 * `tail -F` for the gateway log: reads what is appended, and when the file is rotated
 * (gateway.log renamed to gateway.log.1 and a new one created) or truncated, finishes the old
 * file and continues at the start of the new one.
 */
export declare class LogFollower {
    private readonly file;
    private readonly onLine;
    private fd?;
    private ino?;
    private pos;
    private partial;
    constructor(file: string, onLine: (line: string) => void);
    /** Start at `position` of the current file (its end, usually). */
    start(position: number): void;
    /** One poll: read new bytes; handle rotation and truncation. */
    poll(): void;
    close(): void;
    private open;
    private drain;
    private flushPartial;
}
/** The last `count` complete lines of a file and the byte offset where they end. */
export declare function lastLines(file: string, count: number): {
    lines: string[];
    end: number;
};
