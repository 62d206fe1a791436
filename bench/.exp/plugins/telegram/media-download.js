import { grammySignal } from './grammy-signal.js';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { telegramError } from './errors.js';
/**
 * Download a Telegram file into the state dir's media folder (dir 0700, file 0600), refusing
 * anything over `maxBytes` before and while reading it. Returns the saved path.
 */
export async function downloadTelegramFile(api, options) {
    const file = await api.getFile(options.fileId, grammySignal(options.signal));
    if (file.file_size !== undefined && file.file_size > options.maxBytes)
        throw tooLarge(file.file_size, options.maxBytes);
    if (!file.file_path)
        throw new Error('Telegram returned no file_path for the attachment');
    const response = await fetch(`${options.apiRoot}/file/bot${options.token}/${file.file_path}`, { signal: options.signal });
    if (!response.ok || !response.body)
        throw new Error(`attachment download failed with HTTP ${response.status}`);
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > options.maxBytes)
        throw tooLarge(declared, options.maxBytes);
    fs.mkdirSync(options.mediaDir, { recursive: true, mode: 0o700 });
    const ext = path.extname(file.file_path) || path.extname(options.fallbackName);
    const target = path.join(options.mediaDir, `telegram-${randomUUID()}${ext}`);
    const chunks = [];
    let size = 0;
    for await (const chunk of response.body) {
        size += chunk.byteLength;
        if (size > options.maxBytes)
            throw tooLarge(size, options.maxBytes);
        chunks.push(Buffer.from(chunk));
    }
    fs.writeFileSync(target, Buffer.concat(chunks), { mode: 0o600 });
    return target;
}
function tooLarge(size, max) {
    return telegramError('GW_ERR_TELEGRAM_MEDIA_TOO_LARGE', `attachment is ${(size / 1048576).toFixed(1)} MB, over the ${(max / 1048576).toFixed(1)} MB cap (channels.telegram.mediaMaxMb)`);
}
//# sourceMappingURL=media-download.js.map