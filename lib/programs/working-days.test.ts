// Working-day arithmetic, checked by hand on known calendars and against PostgreSQL's own calendar.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "../../db/client";
import { createTestDatabase } from "../../test/db";
import {
  addWorkingDays,
  countWorkingDays,
  endOfDayInZone,
  endOfWorkingSpan,
  isWorkingDay,
  nextWorkingDay,
} from "./working-days";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe("working days", () => {
  it("skips the weekend when counting from a Friday", () => {
    // 2025-01-03 is a Friday.
    expect(addWorkingDays("2025-01-03", 0)).toBe("2025-01-03");
    expect(addWorkingDays("2025-01-03", 1)).toBe("2025-01-06");
    expect(addWorkingDays("2025-01-03", 5)).toBe("2025-01-10");
    expect(addWorkingDays("2025-01-03", 6)).toBe("2025-01-13");
  });

  it("counts a weekend start from the Monday after", () => {
    expect(nextWorkingDay("2025-01-04")).toBe("2025-01-06");
    expect(nextWorkingDay("2025-01-05")).toBe("2025-01-06");
    expect(nextWorkingDay("2025-01-06")).toBe("2025-01-06");
    expect(addWorkingDays("2025-01-04", 0)).toBe("2025-01-06");
    expect(addWorkingDays("2025-01-05", 1)).toBe("2025-01-07");
  });

  it("crosses month, year and leap-day boundaries", () => {
    expect(addWorkingDays("2024-12-31", 3)).toBe("2025-01-03");
    expect(addWorkingDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addWorkingDays("2024-02-29", 1)).toBe("2024-03-01");
  });

  it("ends an inclusive span on its last working day", () => {
    expect(endOfWorkingSpan("2025-01-06", 1)).toBe("2025-01-06");
    expect(endOfWorkingSpan("2025-01-06", 5)).toBe("2025-01-10");
    expect(endOfWorkingSpan("2025-01-03", 2)).toBe("2025-01-06");
    expect(countWorkingDays("2025-01-03", endOfWorkingSpan("2025-01-03", 10))).toBe(10);
  });

  it("refuses malformed dates and impossible counts", () => {
    expect(() => addWorkingDays("2025-02-30", 1)).toThrow(RangeError);
    expect(() => addWorkingDays("03.01.2025", 1)).toThrow(RangeError);
    expect(() => addWorkingDays("2025-01-03", -1)).toThrow(RangeError);
    expect(() => addWorkingDays("2025-01-03", 1.5)).toThrow(RangeError);
    expect(() => endOfWorkingSpan("2025-01-03", 0)).toThrow(RangeError);
  });

  it("agrees with PostgreSQL's calendar for every day of two years", async () => {
    const days = await queryRows<{ day: string; workday: boolean }>(
      database.db,
      sql`select to_char(d, 'YYYY-MM-DD') as day, extract(isodow from d) < 6 as workday
          from generate_series(date '2024-01-01', date '2025-12-31', interval '1 day') as d`,
    );
    expect(days).toHaveLength(731);
    const mismatches = days.filter((r) => isWorkingDay(r.day) !== r.workday).map((r) => r.day);
    expect(mismatches).toEqual([]);
    expect(countWorkingDays("2024-01-01", "2025-12-31")).toBe(days.filter((r) => r.workday).length);
  });
});

describe("endOfDayInZone", () => {
  it("ends a Berlin day at 23:59:59 local time in winter and summer", () => {
    expect(endOfDayInZone("2025-01-10", "Europe/Berlin").toISOString()).toBe("2025-01-10T22:59:59.000Z");
    expect(endOfDayInZone("2025-07-10", "Europe/Berlin").toISOString()).toBe("2025-07-10T21:59:59.000Z");
  });

  it("uses the offset in force at the end of a daylight-saving change day", () => {
    // Berlin switches to summer time on 2025-03-30: the day ends at UTC+2.
    expect(endOfDayInZone("2025-03-30", "Europe/Berlin").toISOString()).toBe("2025-03-30T21:59:59.000Z");
    expect(endOfDayInZone("2025-01-10", "UTC").toISOString()).toBe("2025-01-10T23:59:59.000Z");
    expect(endOfDayInZone("2025-01-10", "America/New_York").toISOString()).toBe("2025-01-11T04:59:59.000Z");
  });
});
