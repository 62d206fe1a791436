import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { describeAttachments } from './attachment-types.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attachment-types-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Buffer | string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return p;
}

describe('describeAttachments', () => {
  it('types a file by its bytes, never by its name', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), Buffer.alloc(64, 0x20)]);
    const [image, disguised, text, binary] = await describeAttachments([
      file('upload.bin', png),
      file('holiday.jpg', pdf),
      file('notes.jpg', 'just some words\n'),
      file('blob.dat', Buffer.from([1, 0, 2, 0, 3])),
    ]);
    expect(image).toMatchObject({ mime: 'image/png', kind: 'image', size: png.length, fileName: 'upload.bin' });
    expect(disguised).toMatchObject({ mime: 'application/pdf', kind: 'document' });
    expect(text).toMatchObject({ mime: 'text/plain', kind: 'document' });
    expect(binary).toMatchObject({ mime: 'application/octet-stream', kind: 'document' });
  });

  it('leaves out files that are gone (pruned before the turn ran)', async () => {
    const kept = file('kept.txt', 'here');
    const described = await describeAttachments([path.join(dir, 'pruned.txt'), kept]);
    expect(described.map((a) => a.path)).toEqual([kept]);
  });
});
