import fs from 'node:fs';
import path from 'node:path';
import type { AgentAttachment } from '../../sdk/index.js';

const SNIFF_BYTES = 4100;

/**
 * What a saved attachment is, from its first bytes — never from its name or what the sender's
 * app claimed (a `.jpg` that is a ZIP is a document). Text without a signature is `text/plain`
 * when its head has no NUL byte. Files that vanished (pruned) are left out.
 */
export async function describeAttachments(paths: readonly string[]): Promise<AgentAttachment[]> {
  const { fileTypeFromBuffer } = await import('file-type');
  const out: AgentAttachment[] = [];
  for (const file of paths) {
    let head: Buffer;
    let size: number;
    try {
      const fd = fs.openSync(file, 'r');
      try {
        size = fs.fstatSync(fd).size;
        head = Buffer.alloc(Math.min(SNIFF_BYTES, size));
        fs.readSync(fd, head, 0, head.length, 0);
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      continue;
    }
    const sniffed = await fileTypeFromBuffer(head);
    const mime = sniffed?.mime ?? (head.includes(0) ? 'application/octet-stream' : 'text/plain');
    out.push({ path: file, mime, kind: kindOf(mime), size, fileName: path.basename(file) });
  }
  return out;
}

export function kindOf(mime: string): AgentAttachment['kind'] {
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('video/')) return 'video';
  return 'document';
}
