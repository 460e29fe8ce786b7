"use client";
// A score profile: each axis one score scaled 0..1 (its share of the progress blend), one polygon
// per series (a person, the team). A score without evidence yet is drawn at 0 and named so.
import { Legend, PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, Tooltip } from "recharts";
import { ChartTooltip } from "./chart-tooltip";
import { AXIS_TICK, GRID_STROKE, seriesColor } from "./palette";

export type RadarAxis = { key: string; label: string };
export type RadarSeries = { name: string; values: Record<string, number | null> };

type Props = {
  axes: RadarAxis[];
  series: RadarSeries[];
  /** How a value (0..1, or null without evidence) reads in the tooltip. */
  formatValue: (value: number | null) => string;
  height?: number;
};

export function ScoreRadarChart({ axes, series, formatValue, height = 300 }: Props) {
  const data = axes.map((axis) => {
    const row: Record<string, string | number | null> = { axis: axis.label };
    series.forEach((s, i) => {
      const value = s.values[axis.key] ?? null;
      row[`s${i}`] = value ?? 0;
      row[`raw${i}`] = value;
    });
    return row;
  });
  return (
    <RadarChart data={data} responsive style={{ width: "100%", height }} outerRadius="72%" margin={{ top: 8, right: 24, bottom: 8, left: 24 }}>
      <PolarGrid stroke={GRID_STROKE} strokeOpacity={0.25} />
      <PolarAngleAxis dataKey="axis" tick={AXIS_TICK} />
      <PolarRadiusAxis domain={[0, 1]} tick={false} axisLine={false} />
      {series.map((s, i) => (
        <Radar
          key={s.name}
          name={s.name}
          dataKey={`s${i}`}
          stroke={seriesColor(i)}
          fill={seriesColor(i)}
          fillOpacity={i === 0 ? 0.35 : 0.12}
          strokeWidth={2}
          isAnimationActive={false}
        />
      ))}
      <Tooltip
        content={({ active, label, payload }) => (
          <ChartTooltip
            active={active}
            label={label as string}
            payload={payload}
            format={(_, entry) => {
              const row = entry.payload as Record<string, number | null> | undefined;
              const index = typeof entry.dataKey === "string" ? entry.dataKey.replace(/^s/, "") : "";
              return formatValue(row?.[`raw${index}`] ?? null);
            }}
          />
        )}
      />
      {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} /> : null}
    </RadarChart>
  );
}
