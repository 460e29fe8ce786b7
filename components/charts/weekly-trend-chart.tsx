"use client";
// Work finished per week: one stacked bar a week, on time below, late on top.
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { ChartTooltip } from "./chart-tooltip";
import { AXIS_TICK, GRID_STROKE, TONE } from "./palette";

export type WeekBar = { label: string; on_time: number; late: number };

export function WeeklyTrendChart({ data, names, height = 260 }: { data: WeekBar[]; names: { onTime: string; late: string }; height?: number }) {
  return (
    <BarChart data={data} responsive style={{ width: "100%", height }} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
      <CartesianGrid stroke={GRID_STROKE} strokeOpacity={0.15} vertical={false} />
      <XAxis dataKey="label" tick={AXIS_TICK} interval="preserveStartEnd" minTickGap={12} />
      <YAxis allowDecimals={false} tick={AXIS_TICK} width={48} />
      <Tooltip cursor={{ fillOpacity: 0.08 }} content={({ active, label, payload }) => <ChartTooltip active={active} label={label as string} payload={payload} />} />
      <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
      <Bar dataKey="on_time" name={names.onTime} stackId="week" fill={TONE.good} isAnimationActive={false} />
      <Bar dataKey="late" name={names.late} stackId="week" fill={TONE.warn} radius={[3, 3, 0, 0]} isAnimationActive={false} />
    </BarChart>
  );
}
