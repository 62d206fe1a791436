/**
 * Line charts as PNG files, for the soak report and the bench: a Vega-Lite spec compiled to
 * Vega, rendered to SVG headless (no canvas, no browser), then rasterized with resvg. Fonts
 * come from the system (DejaVu Sans on Debian); nothing is downloaded.
 */
import { writeFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export interface LineSeries {
  name: string;
  points: ReadonlyArray<{ x: number; y: number }>;
}

export interface LineChartOptions {
  title: string;
  xTitle: string;
  yTitle: string;
  series: readonly LineSeries[];
  width?: number;
  height?: number;
  /** Start the y axis at zero (default true): a flat line looks flat. */
  yFromZero?: boolean;
}

const CONFIG = { font: 'DejaVu Sans', axis: { labelFontSize: 11, titleFontSize: 12 }, title: { fontSize: 14 } };

/** The chart itself (data, mark, encoding), without the page around it. */
function unitSpec(options: LineChartOptions): Record<string, unknown> {
  return {
    title: options.title,
    width: options.width ?? 720,
    height: options.height ?? 260,
    data: {
      values: options.series.flatMap((s) => s.points.map((p) => ({ x: p.x, y: p.y, series: s.name }))),
    },
    mark: { type: 'line', strokeWidth: 2, interpolate: 'monotone' },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: options.xTitle },
      y: { field: 'y', type: 'quantitative', title: options.yTitle, scale: { zero: options.yFromZero ?? true } },
      color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'bottom' } },
    },
  };
}

/** A Vega-Lite spec of one line chart, one line per series. */
export function lineChartSpec(options: LineChartOptions): TopLevelSpec {
  const spec = { $schema: SCHEMA, background: 'white', padding: 12, config: CONFIG, ...unitSpec(options) };
  return spec as unknown as TopLevelSpec;
}

/** Several line charts stacked vertically in one picture. */
export function stackedSpec(charts: readonly LineChartOptions[], title: string): TopLevelSpec {
  const spec = {
    $schema: SCHEMA,
    title,
    background: 'white',
    padding: 12,
    vconcat: charts.map(unitSpec),
    resolve: { scale: { color: 'independent' } },
    config: CONFIG,
  };
  return spec as unknown as TopLevelSpec;
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

export async function specToPng(spec: TopLevelSpec, scale = 2): Promise<Buffer> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return Buffer.from(resvg.render().asPng());
}

export async function writeLineChartPng(file: string, options: LineChartOptions): Promise<void> {
  writeFileSync(file, await specToPng(lineChartSpec(options)));
}

export async function writeStackedChartPng(
  file: string,
  charts: readonly LineChartOptions[],
  title: string,
): Promise<void> {
  writeFileSync(file, await specToPng(stackedSpec(charts, title)));
}
