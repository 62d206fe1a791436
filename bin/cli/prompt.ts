import readline from 'node:readline/promises';

/** Line prompts for interactive setup (only used when stdin and stdout are TTYs). */
export class Prompter {
  private readonly rl: readline.Interface;

  constructor(input: NodeJS.ReadableStream, output: NodeJS.WritableStream) {
    this.rl = readline.createInterface({ input, output, terminal: true });
  }

  async ask(question: string, fallback = ''): Promise<string> {
    const answer = (await this.rl.question(`${question}${fallback ? ` [${fallback}]` : ''}: `)).trim();
    return answer === '' ? fallback : answer;
  }

  async choose<T extends string>(question: string, choices: readonly T[], fallback: T): Promise<T> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const answer = await this.ask(`${question} (${choices.join('/')})`, fallback);
      if ((choices as readonly string[]).includes(answer)) return answer as T;
      process.stderr.write(`please answer one of: ${choices.join(', ')}\n`);
    }
    return fallback;
  }

  close(): void {
    this.rl.close();
  }
}
