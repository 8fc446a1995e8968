import { useId } from "react";
import { cn } from "./cn";

export interface BarDatum {
  /** Short label under the bar (a day number, a month). */
  label: string;
  /** Stacked values, bottom first, in the same order as `series`. */
  values: number[];
  /** Marks a bar (e.g. a cycle over the cap) with the accent colour. */
  highlight?: boolean;
}

export interface BarChartProps {
  /** What the chart shows, read by screen readers; the data table beside it carries the numbers. */
  title: string;
  series: { name: string; className: string }[];
  data: BarDatum[];
  /** A horizontal line, e.g. the cap, with its label. */
  reference?: { value: number; label: string };
  /** Label every nth bar so the axis stays readable. */
  labelEvery?: number;
  className?: string;
}

/**
 * A stacked bar chart drawn as SVG on the server: no script, no layout shift, scales with its box.
 * It is a picture of a data table that the page also renders, so it is marked as an image.
 */
export function BarChart({ title, series, data, reference, labelEvery = 1, className }: BarChartProps) {
  const id = useId();
  const width = 640;
  const height = 220;
  const top = 12;
  const bottom = 24;
  const plot = height - top - bottom;
  const max = Math.max(reference?.value ?? 0, ...data.map((d) => d.values.reduce((a, b) => a + b, 0)), 1);
  const slot = width / Math.max(data.length, 1);
  const barWidth = Math.max(2, slot * 0.7);
  const y = (value: number) => top + plot - (value / max) * plot;
  return (
    <figure className={cn("flex flex-col gap-2", className)}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-title`}
        className="h-auto w-full text-fg-muted"
        preserveAspectRatio="none"
      >
        <title id={`${id}-title`}>{title}</title>
        <line x1={0} x2={width} y1={top + plot} y2={top + plot} className="stroke-border-strong" strokeWidth={1} />
        {data.map((datum, index) => {
          let base = 0;
          const x = index * slot + (slot - barWidth) / 2;
          return (
            <g key={`${datum.label}-${index}`}>
              {datum.values.map((value, s) => {
                const rect = (
                  <rect
                    key={series[s]?.name ?? s}
                    x={x}
                    width={barWidth}
                    y={y(base + value)}
                    height={Math.max(0, y(base) - y(base + value))}
                    className={datum.highlight && s === 0 ? "fill-danger" : series[s]?.className}
                  />
                );
                base += value;
                return rect;
              })}
              {index % labelEvery === 0 ? (
                <text x={x + barWidth / 2} y={height - 6} textAnchor="middle" className="fill-current text-[11px]">
                  {datum.label}
                </text>
              ) : null}
            </g>
          );
        })}
        {reference ? (
          <g>
            <line
              x1={0}
              x2={width}
              y1={y(reference.value)}
              y2={y(reference.value)}
              className="stroke-danger"
              strokeDasharray="6 4"
              strokeWidth={1.5}
            />
            <text x={width - 4} y={y(reference.value) - 4} textAnchor="end" className="fill-danger text-[11px]">
              {reference.label}
            </text>
          </g>
        ) : null}
      </svg>
      <figcaption className="flex flex-wrap gap-4 text-sm text-fg-muted">
        {series.map((s) => (
          <span key={s.name} className="inline-flex items-center gap-1.5">
            <svg aria-hidden="true" className="size-3" viewBox="0 0 12 12">
              <rect width={12} height={12} rx={2} className={s.className} />
            </svg>
            {s.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
