"use client";
// Counts per category (people per level, overdue tasks per person): vertical bars for a few fixed
// categories, horizontal ones (a row each) for a list of names that may be long.
import { Bar, BarChart, type BarShapeProps, CartesianGrid, Rectangle, Tooltip, XAxis, YAxis } from "recharts";
import { ChartTooltip } from "./chart-tooltip";
import { AXIS_TICK, GRID_STROKE, TONE } from "./palette";

export type CategoryBar = { label: string; value: number; color?: string };

type Props = {
  data: CategoryBar[];
  valueName: string;
  /** "rows": one horizontal bar per category, the chart as tall as the list. */
  orientation?: "columns" | "rows";
  height?: number;
};

const ROW_HEIGHT = 34;
/** Room for a full name on one line beside its bar. */
const NAME_WIDTH = 150;

export function CategoryBarChart({ data, valueName, orientation = "columns", height = 240 }: Props) {
  const rows = orientation === "rows";
  const tooltip = <Tooltip cursor={{ fillOpacity: 0.08 }} content={({ active, label, payload }) => <ChartTooltip active={active} label={label as string} payload={payload} />} />;
  // Each bar in its category's colour, read from the data point it draws.
  const shape = (props: BarShapeProps) => {
    const point = props.payload as CategoryBar | undefined;
    return <Rectangle {...props} fill={point?.color ?? TONE.good} />;
  };
  if (rows) {
    return (
      <BarChart data={data} layout="vertical" responsive style={{ width: "100%", height: Math.max(120, 40 + data.length * ROW_HEIGHT) }} margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
        <CartesianGrid stroke={GRID_STROKE} strokeOpacity={0.15} horizontal={false} />
        <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} />
        <YAxis type="category" dataKey="label" tick={AXIS_TICK} width={NAME_WIDTH} />
        {tooltip}
        <Bar dataKey="value" name={valueName} radius={[0, 3, 3, 0]} barSize={18} isAnimationActive={false} shape={shape} />
      </BarChart>
    );
  }
  return (
    <BarChart data={data} responsive style={{ width: "100%", height }} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
      <CartesianGrid stroke={GRID_STROKE} strokeOpacity={0.15} vertical={false} />
      <XAxis dataKey="label" tick={AXIS_TICK} interval={0} />
      <YAxis allowDecimals={false} tick={AXIS_TICK} width={48} />
      {tooltip}
      <Bar dataKey="value" name={valueName} radius={[3, 3, 0, 0]} isAnimationActive={false} shape={shape} />
    </BarChart>
  );
}
