"use client";
// Time left until a deadline, ticking on the second. Before the first tick in the browser it is
// unknown (null), so the server's render and the browser's first render agree.
import { useEffect, useState } from "react";

export function useCountdown(deadline: string | null): number | null {
  const end = deadline === null ? null : Date.parse(deadline);
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (end === null) return;
    let timer = 0;
    const tick = () => {
      const at = Date.now();
      setNow(at);
      // Wake just after the next whole second of the remaining time, so the display never skips one.
      const untilNextSecond = (end - at) % 1000;
      timer = window.setTimeout(tick, (untilNextSecond > 0 ? untilNextSecond : 1000) + 5);
    };
    tick();
    return () => window.clearTimeout(timer);
  }, [end]);
  if (end === null || now === null) return null;
  return Math.max(0, end - now);
}

/** 754_000 ms → "12:34"; an hour or more → "1:02:03". Rounds up, so 0:00 means the time is over. */
export function formatRemaining(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
}

/** When to warn: two minutes before the end, or the last fifth of a shorter exam. */
export function warningThreshold(startedAt: string, deadline: string): number {
  return Math.min(120_000, (Date.parse(deadline) - Date.parse(startedAt)) / 5);
}
