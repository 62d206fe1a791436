import type { TerminalStyle } from './terminal-style.js';
export declare const LEVELS: Record<string, number>;
export declare function parseLine(line: string): Record<string, any> | undefined;
/** Lines below the minimum level are dropped; lines that are not pino JSON always pass. */
export declare function passesLevel(line: string, min: number): boolean;
/** `12:03:04 INFO  [telegram] message key=value …` from one pino JSON line. */
export declare function formatLine(line: string, style: TerminalStyle): string;
