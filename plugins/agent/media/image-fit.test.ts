import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { fitImage } from './image-fit.js';
import { imageLimitsFor } from './image-limits.js';

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer();

describe('fitImage', () => {
  it('keeps an image that already fits as it is', async () => {
    const input = await png(400, 300);
    const out = await fitImage(input, imageLimitsFor(['openai-completions']));
    expect(out).toEqual({ data: input, mime: 'image/png' });
  });

  it('scales to the strictest provider of the chain, aspect kept', async () => {
    const out = await fitImage(await png(4000, 1000), imageLimitsFor(['openai-completions', 'anthropic-messages']));
    const meta = await sharp(out.data).metadata();
    expect([meta.width, meta.height]).toEqual([1568, 392]);
    expect(out.mime).toBe('image/png');
  });

  it('re-encodes as JPEG until under the byte limit, and refuses what is not an image', async () => {
    // Noise does not compress: the PNG is about 1 MB.
    const noisy = await sharp(randomBytes(600 * 600 * 3), { raw: { width: 600, height: 600, channels: 3 } })
      .png()
      .toBuffer();
    const out = await fitImage(noisy, { maxEdge: 2000, maxBytes: 60_000 });
    expect(out.mime).toBe('image/jpeg');
    expect(out.data.length).toBeLessThanOrEqual(60_000);
    await expect(fitImage(Buffer.from('not an image at all'), { maxEdge: 100, maxBytes: 100 })).rejects.toThrow();
  });
});
