import { ProfileCommand } from '../profile-options.js';
import { type TerminalStyle } from './terminal-style.js';
/**
 * Base of every command except `gateway` itself: runs `run()`, turns any error into one clear
 * line on stderr (and a JSON error object on stdout with --json) and the exit code it maps to.
 */
export declare abstract class MoltbotCommand extends ProfileCommand {
    /** Overridden by commands that print data. */
    wantsJson(): boolean;
    abstract run(): Promise<number | void>;
    execute(): Promise<number>;
    get style(): TerminalStyle;
    get errStyle(): TerminalStyle;
    out(line?: string): void;
    err(line: string): void;
    printJson(value: unknown): void;
    protected fail(err: unknown): number;
}
export declare function describeError(err: unknown): {
    code: string;
    message: string;
    exitCode: number;
};
