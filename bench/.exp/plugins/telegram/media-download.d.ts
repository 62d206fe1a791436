import type { Api } from 'grammy';
/**
 * Download a Telegram file into the state dir's media folder (dir 0700, file 0600), refusing
 * anything over `maxBytes` before and while reading it. Returns the saved path.
 */
export declare function downloadTelegramFile(api: Api, options: {
    token: string;
    apiRoot: string;
    fileId: string;
    maxBytes: number;
    mediaDir: string;
    fallbackName: string;
    signal: AbortSignal;
}): Promise<string>;
