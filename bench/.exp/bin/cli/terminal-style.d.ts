/**
 * Colors only on a TTY, never with NO_COLOR (https://no-color.org) or TERM=dumb. Every
 * function returns the plain text when colors are off, so output piped to a file or a
 * script is clean.
 */
export interface TerminalStyle {
    enabled: boolean;
    red(s: string): string;
    green(s: string): string;
    yellow(s: string): string;
    cyan(s: string): string;
    dim(s: string): string;
    bold(s: string): string;
}
export declare function colorsWanted(stream: {
    isTTY?: boolean;
}, env?: NodeJS.ProcessEnv): boolean;
export declare function terminalStyle(enabled: boolean): TerminalStyle;
