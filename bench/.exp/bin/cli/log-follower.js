import fs from 'node:fs';
/**
 * `tail -F` for the gateway log: reads what is appended, and when the file is rotated
 * (gateway.log renamed to gateway.log.1 and a new one created) or truncated, finishes the old
 * file and continues at the start of the new one.
 */
export class LogFollower {
    file;
    onLine;
    fd;
    ino;
    pos = 0;
    partial = '';
    constructor(file, onLine) {
        this.file = file;
        this.onLine = onLine;
    }
    /** Start at `position` of the current file (its end, usually). */
    start(position) {
        this.open(position);
    }
    /** One poll: read new bytes; handle rotation and truncation. */
    poll() {
        if (this.fd === undefined) {
            this.open(0);
            if (this.fd === undefined)
                return;
        }
        this.drain();
        let st;
        try {
            st = fs.statSync(this.file);
        }
        catch {
            return; // between rename and re-create: wait for the new file
        }
        if (st.ino !== this.ino) {
            this.drain();
            this.flushPartial();
            fs.closeSync(this.fd);
            this.fd = undefined;
            this.open(0);
            this.drain();
        }
        else if (st.size < this.pos) {
            this.pos = 0;
            this.partial = '';
            this.drain();
        }
    }
    close() {
        if (this.fd !== undefined)
            fs.closeSync(this.fd);
        this.fd = undefined;
    }
    open(position) {
        try {
            this.fd = fs.openSync(this.file, 'r');
            const st = fs.fstatSync(this.fd);
            this.ino = st.ino;
            this.pos = Math.min(position, st.size);
        }
        catch {
            this.fd = undefined;
        }
    }
    drain() {
        if (this.fd === undefined)
            return;
        const buf = Buffer.alloc(64 * 1024);
        // Bounded: at most 1024 chunks (64 MiB) per poll; the rest comes next poll.
        for (let i = 0; i < 1024; i++) {
            const n = fs.readSync(this.fd, buf, 0, buf.length, this.pos);
            if (n <= 0)
                break;
            this.pos += n;
            const text = this.partial + buf.subarray(0, n).toString('utf8');
            const lines = text.split('\n');
            this.partial = lines.pop() ?? '';
            for (const l of lines)
                if (l !== '')
                    this.onLine(l);
        }
    }
    flushPartial() {
        if (this.partial !== '')
            this.onLine(this.partial);
        this.partial = '';
    }
}
/** The last `count` complete lines of a file and the byte offset where they end. */
export function lastLines(file, count) {
    const fd = fs.openSync(file, 'r');
    try {
        const size = fs.fstatSync(fd).size;
        let start = size;
        let text = '';
        const chunk = 64 * 1024;
        // Read backwards until we have enough newlines (bounded by the file size).
        while (start > 0 && text.split('\n').length <= count + 1) {
            const from = Math.max(0, start - chunk);
            const buf = Buffer.alloc(start - from);
            fs.readSync(fd, buf, 0, buf.length, from);
            text = buf.toString('utf8') + text;
            start = from;
        }
        const lastNl = text.lastIndexOf('\n');
        const complete = lastNl >= 0 ? text.slice(0, lastNl) : '';
        const end = size - Buffer.byteLength(text.slice(lastNl + 1));
        const lines = complete === '' ? [] : complete.split('\n');
        return { lines: count === 0 ? [] : lines.slice(-count), end };
    }
    finally {
        fs.closeSync(fd);
    }
}
//# sourceMappingURL=log-follower.js.map