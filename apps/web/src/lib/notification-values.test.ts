import { describe, expect, it } from "vitest";
import { notificationValues } from "./notification-values.ts";

const f = {
  money: (cents: number) => `$${(cents / 100).toFixed(2)}`,
  day: (date: string) => `day ${date}`,
  time: (value: Date, zone: string) =>
    new Intl.DateTimeFormat("en-US", { timeStyle: "short", timeZone: zone }).format(value),
};

describe("notification values", () => {
  it("turns cents into money, calendar dates into days and instants into times at the notice's zone", () => {
    expect(
      notificationValues(
        {
          amountCents: 1299,
          dueOn: "2026-12-01",
          fromAt: "2026-11-23T16:00:00.000Z",
          toAt: "2026-11-23T18:00:00.000Z",
          zone: "America/Los_Angeles",
          plan: "TV Gold",
        },
        f,
      ),
    ).toEqual({
      amount: "$12.99",
      dueOn: "day 2026-12-01",
      from: "8:00 AM",
      to: "10:00 AM",
      zone: "America/Los_Angeles",
      plan: "TV Gold",
    });
  });

  it("falls back to the reader's zone and leaves text that only looks like a key alone", () => {
    expect(notificationValues({ fromAt: "2026-11-23T16:00:00Z" }, f, "America/New_York")).toEqual({ from: "11:00 AM" });
    expect(notificationValues({ chatAt: "not a time", dueOn: "soon" }, f)).toEqual({
      chatAt: "not a time",
      dueOn: "soon",
    });
    expect(notificationValues(null, f)).toEqual({});
  });
});
