import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Api } from 'grammy';
import { telegramError } from './errors.js';
import { grammySignal } from './grammy-signal.js';

/**
 * Download a Telegram file into the state dir's media folder (dir 0700, file 0600), refusing
 * anything over `maxBytes` before and while reading it. Returns the saved path.
 */
export async function downloadTelegramFile(
  api: Api,
  options: {
    token: string;
    apiRoot: string;
    fileId: string;
    maxBytes: number;
    mediaDir: string;
    fallbackName: string;
    signal: AbortSignal;
  },
): Promise<string> {
  const file = await api.getFile(options.fileId, grammySignal(options.signal));
  if (file.file_size !== undefined && file.file_size > options.maxBytes)
    throw tooLarge(file.file_size, options.maxBytes);
  if (!file.file_path) throw new Error('Telegram returned no file_path for the attachment');
  const response = await fetch(`${options.apiRoot}/file/bot${options.token}/${file.file_path}`, {
    signal: options.signal,
  });
  if (!response.ok || !response.body) throw new Error(`attachment download failed with HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > options.maxBytes) throw tooLarge(declared, options.maxBytes);
  fs.mkdirSync(options.mediaDir, { recursive: true, mode: 0o700 });
  const name = savedName(file.file_path, options.fallbackName);
  const target = path.join(options.mediaDir, `telegram-${randomUUID().slice(0, 8)}-${name}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > options.maxBytes) throw tooLarge(size, options.maxBytes);
    chunks.push(Buffer.from(chunk));
  }
  fs.writeFileSync(target, Buffer.concat(chunks), { mode: 0o600 });
  return target;
}

/**
 * The sender's file name when it has one (documents), else Telegram's, reduced to safe
 * characters: the model (and the file tools) see a name that says what the file was.
 */
function savedName(filePath: string, fallbackName: string): string {
  const generic = ['photo.jpg', 'voice.ogg', 'document', 'audio.mp3', 'video.mp4'].includes(fallbackName);
  const name = generic ? path.basename(filePath) || fallbackName : fallbackName;
  const ext = path.extname(name) || path.extname(filePath);
  const stem =
    path
      .basename(name, path.extname(name))
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .slice(0, 60) || 'file';
  return `${stem}${ext.replace(/[^A-Za-z0-9.]/g, '').slice(0, 10)}`;
}

function tooLarge(size: number, max: number) {
  return telegramError(
    'GW_ERR_TELEGRAM_MEDIA_TOO_LARGE',
    `the file is ${humanSize(size)}, over the ${humanSize(max)} limit for attachments (channels.telegram.mediaMaxMb)`,
  );
}

function humanSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1048576).toFixed(1)} MB`;
  return `${Math.max(0.1, bytes / 1024).toFixed(1)} KB`;
}
