// Series colours that read on both the light and the dark background, in a fixed order so the same
// series keeps its colour from chart to chart.
export const SERIES_COLORS = ["#059669", "#0284c7", "#7c3aed", "#d97706", "#e11d48", "#0d9488"] as const;

export const TONE = {
  good: "#059669",
  warn: "#d97706",
  bad: "#dc2626",
  muted: "#64748b",
} as const;

export const seriesColor = (index: number): string => SERIES_COLORS[index % SERIES_COLORS.length] ?? "#059669";

/** Axis text and grid lines follow the surrounding text colour (set by the light or dark theme). */
export const AXIS_TICK = { fill: "currentColor", fontSize: 12 } as const;
export const GRID_STROKE = "currentColor";
