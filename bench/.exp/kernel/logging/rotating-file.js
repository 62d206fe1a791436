import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
/**
 * A pino destination (SonicBoom) that rotates by size: gateway.log → gateway.log.1 → … and
 * reopens. `moltbot logs --follow` notices the inode change and follows the new file.
 */
export class RotatingFile {
    options;
    dest;
    bytes;
    /**
     * True until the destination has (re)opened its file. Rotating then would rename a file the
     * pending open has not created yet: a burst of lines would pile into one renamed file and the
     * live gateway.log would go missing. Lines written meanwhile are buffered and land in the new file.
     */
    opening = true;
    constructor(options) {
        this.options = options;
        fs.mkdirSync(path.dirname(options.file), { recursive: true, mode: 0o700 });
        this.bytes = fileSize(options.file);
        this.dest = pino.destination({ dest: options.file, sync: false, mkdir: true, minLength: 0 });
        this.dest.on('ready', () => {
            this.opening = false;
            chmodQuiet(options.file);
        });
    }
    write(chunk) {
        this.dest.write(chunk);
        this.bytes += Buffer.byteLength(chunk);
        if (this.bytes >= this.options.maxBytes && !this.opening)
            this.rotate();
        return true;
    }
    flushSync() {
        try {
            this.dest.flushSync();
        }
        catch {
            /* not ready yet: nothing buffered that matters */
        }
    }
    end() {
        this.flushSync();
        this.dest.end();
    }
    rotate() {
        this.flushSync();
        const { file, maxFiles } = this.options;
        for (let i = maxFiles - 1; i >= 1; i--)
            renameQuiet(`${file}.${i}`, `${file}.${i + 1}`);
        renameQuiet(file, `${file}.1`);
        fs.rmSync(`${file}.${maxFiles + 1}`, { force: true });
        this.opening = true;
        this.dest.reopen();
        this.bytes = 0;
    }
}
function fileSize(file) {
    try {
        return fs.statSync(file).size;
    }
    catch {
        return 0;
    }
}
function renameQuiet(from, to) {
    try {
        fs.renameSync(from, to);
    }
    catch {
        /* missing generation: fine */
    }
}
function chmodQuiet(file) {
    try {
        fs.chmodSync(file, 0o600);
    }
    catch {
        /* best effort */
    }
}
//# sourceMappingURL=rotating-file.js.map