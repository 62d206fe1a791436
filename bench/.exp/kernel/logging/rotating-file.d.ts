export interface RotatingFileOptions {
    file: string;
    /** Rotate when the file grows past this many bytes (default 10 MiB). */
    maxBytes: number;
    /** Keep this many rotated files: gateway.log.1 … gateway.log.N (default 5). */
    maxFiles: number;
}
/**
 * A pino destination (SonicBoom) that rotates by size: gateway.log → gateway.log.1 → … and
 * reopens. `moltbot logs --follow` notices the inode change and follows the new file.
 */
export declare class RotatingFile {
    private readonly options;
    private readonly dest;
    private bytes;
    /**
     * True until the destination has (re)opened its file. Rotating then would rename a file the
     * pending open has not created yet: a burst of lines would pile into one renamed file and the
     * live gateway.log would go missing. Lines written meanwhile are buffered and land in the new file.
     */
    private opening;
    constructor(options: RotatingFileOptions);
    write(chunk: string): boolean;
    flushSync(): void;
    end(): void;
    private rotate;
}
