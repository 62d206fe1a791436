import { describe, expect, it } from 'vitest';
import { lineChartSpec, specToPng, stackedSpec } from './chart-png.js';

const series = [
  { name: 'rss', points: Array.from({ length: 20 }, (_, i) => ({ x: i, y: 100 + (i % 3) })) },
  { name: 'fds', points: Array.from({ length: 20 }, (_, i) => ({ x: i, y: 30 })) },
];

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('chart-png', () => {
  it('renders a line chart to a PNG of the requested size (2x)', async () => {
    const png = await specToPng(
      lineChartSpec({ title: 'RSS', xTitle: 'min', yTitle: 'MB', series, width: 300, height: 120 }),
    );
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const { width, height } = pngSize(png);
    // The plot area plus axes, title, legend and padding, at zoom 2.
    expect(width).toBeGreaterThan(600);
    expect(height).toBeGreaterThan(240);
  });

  it('stacks several charts in one picture', async () => {
    const one = pngSize(await specToPng(lineChartSpec({ title: 'a', xTitle: 'x', yTitle: 'y', series, height: 100 })));
    const two = pngSize(
      await specToPng(
        stackedSpec(
          [
            { title: 'a', xTitle: 'x', yTitle: 'y', series, height: 100 },
            { title: 'b', xTitle: 'x', yTitle: 'y', series, height: 100 },
          ],
          'both',
        ),
      ),
    );
    expect(two.height).toBeGreaterThan(one.height * 1.7);
  });
});
