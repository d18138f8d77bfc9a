// Sparklines are tiny SVG polylines, not chart instances: a cockpit row draws three of them for each of hundreds
// of agents, and 24 points need no canvas, no library and no layout pass.

export function sparklinePath(values: (number | null)[], width: number, height: number): string {
  const points = values.map((v) => v ?? 0);
  if (points.length === 0) return "";
  const max = Math.max(...points);
  const min = Math.min(0, ...points);
  const span = max - min || 1;
  const step = points.length > 1 ? width / (points.length - 1) : 0;
  return points
    .map((v, i) => `${i === 0 ? "M" : "L"}${(i * step).toFixed(1)},${(height - 1 - ((v - min) / span) * (height - 2)).toFixed(1)}`)
    .join(" ");
}

const TONES = {
  accent: "stroke-indigo-500 dark:stroke-indigo-400",
  red: "stroke-red-500 dark:stroke-red-400",
  amber: "stroke-amber-500 dark:stroke-amber-400",
  green: "stroke-emerald-500 dark:stroke-emerald-400",
};

export function Sparkline({
  values,
  label,
  tone = "accent",
  width = 80,
  height = 22,
}: {
  values: (number | null)[];
  label: string;
  tone?: keyof typeof TONES;
  width?: number;
  height?: number;
}) {
  return (
    <svg role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="overflow-visible">
      <title>{label}</title>
      <path d={sparklinePath(values, width, height)} fill="none" strokeWidth={1.5} strokeLinejoin="round" className={TONES[tone]} />
    </svg>
  );
}
