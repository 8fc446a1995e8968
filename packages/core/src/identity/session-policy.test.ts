import { describe, expect, it } from "vitest";
import {
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  needsTouch,
  sessionLimits,
  sessionState,
  stepUpIsRecent,
} from "./session-policy.ts";

const start = new Date("2026-11-22T10:00:00Z");
const session = {
  createdAt: start,
  lastSeenAt: start,
  expiresAt: new Date(start.getTime() + SESSION_ABSOLUTE_MS),
  revokedAt: null,
};
const at = (ms: number) => new Date(start.getTime() + ms);

describe("session policy", () => {
  it("is active until 30 idle minutes pass", () => {
    expect(sessionState(session, at(SESSION_IDLE_MS - 1))).toBe("active");
    expect(sessionState(session, at(SESSION_IDLE_MS))).toBe("idle");
  });

  it("ends after 12 hours however active", () => {
    expect(sessionState({ ...session, lastSeenAt: at(SESSION_ABSOLUTE_MS - 1000) }, at(SESSION_ABSOLUTE_MS))).toBe(
      "expired",
    );
  });

  it("ends at once when revoked", () => {
    expect(sessionState({ ...session, revokedAt: start }, at(1))).toBe("revoked");
  });

  it("writes last-seen at most once a minute", () => {
    expect(needsTouch(session, at(59_000))).toBe(false);
    expect(needsTouch(session, at(60_000))).toBe(true);
  });

  it("idles staff out after 15 minutes", () => {
    expect(sessionState(session, at(15 * 60_000 - 1), sessionLimits(true))).toBe("active");
    expect(sessionState(session, at(15 * 60_000), sessionLimits(true))).toBe("idle");
  });

  it("counts a step-up as recent for 10 minutes", () => {
    expect(stepUpIsRecent(start, at(10 * 60_000 - 1))).toBe(true);
    expect(stepUpIsRecent(start, at(10 * 60_000))).toBe(false);
    expect(stepUpIsRecent(null, at(0))).toBe(false);
  });
});
