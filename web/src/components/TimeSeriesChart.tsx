// Time series are drawn by uPlot: canvas, ~45 kB, and tens of thousands of points in a few milliseconds.
// (ECharts draws the same at ~10× the bundle; the heatmap and the trace waterfall are DOM grids instead, because
// their cells are links and focus targets that a canvas cannot give to keyboard and screen-reader users.)
import "uplot/dist/uPlot.min.css";

import { useEffect, useRef } from "react";
import uPlot from "uplot";

export interface ChartSeries {
  label: string;
  points: { time: string; value: number | null }[];
}

const PALETTE = ["#6366f1", "#10b981", "#f59e0b", "#ef4444", "#06b6d4", "#a855f7", "#84cc16", "#ec4899"];

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** Series on one time axis: uPlot wants one x array and a y array per series, aligned. */
export function alignSeries(series: ChartSeries[]): uPlot.AlignedData {
  const times = [...new Set(series.flatMap((s) => s.points.map((p) => Date.parse(p.time) / 1000)))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const ys = series.map((s) => {
    const ys: (number | null)[] = new Array(times.length).fill(null);
    for (const p of s.points) ys[index.get(Date.parse(p.time) / 1000) as number] = p.value;
    return ys;
  });
  return [times, ...ys] as uPlot.AlignedData;
}

export function TimeSeriesChart({
  series,
  format,
  height = 180,
  label,
}: {
  series: ChartSeries[];
  format: (value: number) => string;
  height?: number;
  label: string;
}) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const axis = cssVar("--fg-subtle", "#6b7280");
    const grid = cssVar("--line", "#e5e7eb");
    const options: uPlot.Options = {
      width: element.clientWidth || 400,
      height,
      legend: { show: series.length > 1 },
      cursor: { points: { size: 6 } },
      scales: { x: { time: true } },
      axes: [
        { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } },
        { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, size: 60, values: (_u, ticks) => ticks.map((t) => format(t)) },
      ],
      series: [
        {},
        ...series.map((s, i) => ({
          label: s.label,
          stroke: PALETTE[i % PALETTE.length],
          width: 1.75,
          fill: series.length === 1 ? `${PALETTE[0]}1f` : undefined,
          spanGaps: false,
          value: (_u: uPlot, v: number | null) => (v === null ? "–" : format(v)),
        })),
      ],
    };
    const plot = new uPlot(options, alignSeries(series), element);
    const observer = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [series, format, height]);

  return <div ref={host} role="img" aria-label={label} className="w-full [&_.u-legend]:text-xs [&_.u-legend]:text-fg-muted" />;
}
