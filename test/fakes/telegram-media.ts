import { extname } from 'node:path';
import type { Message } from 'grammy/types';
import { badRequest } from './telegram-error.js';
import type { StoredFile } from './telegram-file-store.js';
import { captionFields, outgoingMessage } from './telegram-messages.js';
import type { MethodContext, MethodHandler } from './telegram-method-context.js';
import type { UploadedFile } from './telegram-params.js';

interface MediaKind {
  /** The parameter carrying the file (`photo`, `document`, …). */
  field: string;
  folder: string;
  extension: string;
  describe(file: StoredFile, upload: UploadedFile | undefined): Partial<Message>;
}

const fileFields = (file: StoredFile): { file_id: string; file_unique_id: string; file_size: number } => ({
  file_id: file.fileId,
  file_unique_id: file.fileUniqueId,
  file_size: file.data.length,
});

const MEDIA_KINDS: Record<string, MediaKind> = {
  sendPhoto: {
    field: 'photo',
    folder: 'photos',
    extension: 'jpg',
    describe: (file) => ({ photo: [{ ...fileFields(file), width: 800, height: 600 }] }),
  },
  sendDocument: {
    field: 'document',
    folder: 'documents',
    extension: 'dat',
    describe: (file, upload) => ({
      document: {
        ...fileFields(file),
        file_name: upload?.filename ?? file.filePath.split('/').at(-1),
        mime_type: upload?.contentType ?? 'application/octet-stream',
      },
    }),
  },
  sendVoice: {
    field: 'voice',
    folder: 'voice',
    extension: 'oga',
    describe: (file) => ({ voice: { ...fileFields(file), duration: 1, mime_type: 'audio/ogg' } }),
  },
  sendAudio: {
    field: 'audio',
    folder: 'music',
    extension: 'mp3',
    describe: (file, upload) => ({
      audio: { ...fileFields(file), duration: 1, file_name: upload?.filename, mime_type: 'audio/mpeg' },
    }),
  },
  sendVideo: {
    field: 'video',
    folder: 'videos',
    extension: 'mp4',
    describe: (file) => ({
      video: { ...fileFields(file), width: 640, height: 360, duration: 1, mime_type: 'video/mp4' },
    }),
  },
};

export const mediaMethods: Record<string, MethodHandler> = Object.fromEntries(
  Object.entries(MEDIA_KINDS).map(([method, kind]) => [method, (context: MethodContext) => sendMedia(context, kind)]),
);

function sendMedia(context: MethodContext, kind: MediaKind): Message {
  const { file, upload } = resolveInputFile(context, kind);
  const caption = captionFields(context);
  const message = { ...outgoingMessage(context), ...kind.describe(file, upload), ...caption } as Message;
  context.bot.remember(message);
  return message;
}

/** An InputFile is an upload (multipart), an HTTP URL Telegram would fetch, or a known file_id. */
function resolveInputFile(context: MethodContext, kind: MediaKind): { file: StoredFile; upload?: UploadedFile } {
  const value = context.params[kind.field];
  const attachId = typeof value === 'string' && value.startsWith('attach://') ? value.slice(9) : undefined;
  const upload = attachId === undefined ? context.uploads[kind.field] : context.uploads[attachId];
  if (upload !== undefined) {
    const extension = extname(upload.filename).slice(1) || kind.extension;
    return { file: context.files.addUpload(upload.data, kind.folder, extension), upload };
  }
  if (value === undefined || value === '') throw badRequest(`there is no ${kind.field} in the request`);
  if (typeof value === 'string' && /^https?:\/\//.test(value)) {
    // The fake does not fetch URLs; it records them and answers with an empty stand-in file.
    return { file: context.files.addUpload(Buffer.alloc(0), kind.folder, kind.extension) };
  }
  const known = typeof value === 'string' ? context.files.byId(value) : undefined;
  if (known === undefined) throw badRequest('wrong file identifier/HTTP URL specified');
  return { file: known };
}
