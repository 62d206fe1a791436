import readline from 'node:readline';
/**
 * Line prompts for interactive setup (used only when stdin and stdout are TTYs). Lines are
 * queued as they arrive, so answers typed ahead (or pasted at once) are not lost.
 */
export class Prompter {
    output;
    rl;
    lines = [];
    waiting;
    closed = false;
    constructor(input, output) {
        this.output = output;
        // terminal:false: the TTY's own line discipline echoes and edits; we only read lines.
        this.rl = readline.createInterface({ input, terminal: false });
        this.rl.on('line', (line) => {
            if (this.waiting) {
                const w = this.waiting;
                this.waiting = undefined;
                w(line);
            }
            else
                this.lines.push(line);
        });
        this.rl.on('close', () => {
            this.closed = true;
            this.waiting?.(undefined);
        });
    }
    nextLine() {
        if (this.lines.length)
            return Promise.resolve(this.lines.shift());
        if (this.closed)
            return Promise.resolve(undefined);
        return new Promise((resolve) => (this.waiting = resolve));
    }
    async ask(question, fallback = '') {
        this.output.write(`${question}${fallback ? ` [${fallback}]` : ''}: `);
        const answer = (await this.nextLine())?.trim() ?? '';
        return answer === '' ? fallback : answer;
    }
    async choose(question, choices, fallback) {
        for (let attempt = 0; attempt < 5; attempt++) {
            const answer = await this.ask(`${question} (${choices.join('/')})`, fallback);
            if (choices.includes(answer))
                return answer;
            this.output.write(`please answer one of: ${choices.join(', ')}\n`);
        }
        return fallback;
    }
    close() {
        this.rl.close();
    }
}
//# sourceMappingURL=prompt.js.map