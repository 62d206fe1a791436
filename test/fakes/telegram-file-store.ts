import { randomBytes } from 'node:crypto';

/** A file the fake can serve through getFile and the download route. */
export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  filePath: string;
  data: Buffer;
}

export class FileStore {
  readonly #byId = new Map<string, StoredFile>();
  readonly #byPath = new Map<string, StoredFile>();
  #serial = 0;

  add(fileId: string, data: Buffer, filePath?: string): StoredFile {
    const file: StoredFile = {
      fileId,
      fileUniqueId: `unique-${fileId}`,
      filePath: filePath ?? `documents/file_${++this.#serial}`,
      data,
    };
    this.#byId.set(fileId, file);
    this.#byPath.set(file.filePath, file);
    return file;
  }

  /** Stores a file the bot uploaded so later getFile / file_id re-sends work, as on Telegram. */
  addUpload(data: Buffer, folder: string, extension: string): StoredFile {
    const serial = ++this.#serial;
    return this.add(
      `fake-file-${serial}-${randomBytes(4).toString('hex')}`,
      data,
      `${folder}/file_${serial}.${extension}`,
    );
  }

  byId(fileId: string): StoredFile | undefined {
    return this.#byId.get(fileId);
  }

  byPath(filePath: string): StoredFile | undefined {
    return this.#byPath.get(filePath);
  }
}
