import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DeviceDiagnostics } from "./device-gateway.ts";
import {
  gradeDownstreamPower,
  gradeSnr,
  gradeUpstreamPower,
  TECHNICIAN_HREF,
  troubleshoot,
  type TroubleshootInput,
} from "./troubleshoot.ts";

const checkedAt = new Date("2026-11-22T18:00:00Z");
const goodModem: DeviceDiagnostics = {
  kind: "MODEM",
  online: true,
  checkedAt,
  downstreamPowerDbmv: 1.2,
  snrDb: 38.5,
  upstreamPowerDbmv: 42,
};

function input(overrides: Partial<TroubleshootInput> = {}): TroubleshootInput {
  return {
    device: { kind: "MODEM", status: "ONLINE" },
    accountStatus: "ACTIVE",
    outages: [],
    diagnostics: goodModem,
    restartedRecently: false,
    ...overrides,
  };
}

describe("signal grades", () => {
  it("follow the documented thresholds at their edges", () => {
    expect([-7, 0, 7].map(gradeDownstreamPower)).toEqual(["good", "good", "good"]);
    expect([-7.1, 10, -10].map(gradeDownstreamPower)).toEqual(["acceptable", "acceptable", "acceptable"]);
    expect([-10.1, 10.1, -15].map(gradeDownstreamPower)).toEqual(["poor", "poor", "poor"]);
    expect([33, 40].map(gradeSnr)).toEqual(["good", "good"]);
    expect([30, 32.9].map(gradeSnr)).toEqual(["acceptable", "acceptable"]);
    expect([29.9, 20].map(gradeSnr)).toEqual(["poor", "poor"]);
    expect([35, 50].map(gradeUpstreamPower)).toEqual(["good", "good"]);
    expect([51, 53, 30, 34.9].map(gradeUpstreamPower)).toEqual([
      "acceptable",
      "acceptable",
      "acceptable",
      "acceptable",
    ]);
    expect([53.1, 29.9].map(gradeUpstreamPower)).toEqual(["poor", "poor"]);
  });
});

describe("troubleshoot", () => {
  it("runs every step and finds nothing wrong with a healthy modem", () => {
    const { steps, outcome } = troubleshoot(input());
    expect(steps.map((s) => [s.id, s.status])).toEqual([
      ["outage", "pass"],
      ["account", "pass"],
      ["online", "pass"],
      ["signal", "pass"],
    ]);
    expect(steps[3]?.readings?.map((r) => r.grade)).toEqual(["good", "good", "good"]);
    expect(outcome).toEqual({ kind: "ALL_GOOD" });
  });

  it("puts an outage of the device's service first, with its ETA", () => {
    const etaAt = new Date("2026-11-22T22:00:00Z");
    const result = troubleshoot(input({ outages: [{ services: ["INTERNET", "TV"], etaAt }] }));
    expect(result.steps[0]).toMatchObject({ id: "outage", status: "fail", result: "active" });
    expect(result.outcome).toEqual({ kind: "OUTAGE", etaAt });
    // A TV outage does not explain a modem's trouble.
    const tvOnly = troubleshoot(input({ outages: [{ services: ["TV"], etaAt }] }));
    expect(tvOnly.steps[0]?.status).toBe("pass");
    expect(tvOnly.outcome.kind).toBe("ALL_GOOD");
    // ...but it does a TV receiver's, and without an ETA it says so.
    const receiver = troubleshoot(
      input({
        device: { kind: "TV_RECEIVER", status: "ONLINE" },
        diagnostics: { kind: "TV_RECEIVER", online: true, checkedAt, signal: "ok" },
        outages: [{ services: ["TV"], etaAt: null }],
      }),
    );
    expect(receiver.steps[0]?.result).toBe("activeNoEta");
    expect(receiver.outcome).toEqual({ kind: "OUTAGE", etaAt: null });
  });

  it("sends a suspended account to billing", () => {
    const { steps, outcome } = troubleshoot(input({ accountStatus: "SUSPENDED" }));
    expect(steps[1]).toMatchObject({ id: "account", status: "fail", result: "suspended" });
    expect(outcome).toEqual({ kind: "ACCOUNT", href: "/billing" });
  });

  it("recommends a restart for an offline device, and a technician if a restart did not help", () => {
    const offline = { ...goodModem, online: false };
    const first = troubleshoot(input({ diagnostics: offline }));
    expect(first.steps.map((s) => [s.id, s.status, s.result])).toEqual([
      ["outage", "pass", "none"],
      ["account", "pass", "active"],
      ["online", "fail", "offline"],
      ["signal", "skip", "skipped"],
    ]);
    expect(first.outcome).toEqual({ kind: "RESTART" });
    const again = troubleshoot(input({ diagnostics: offline, restartedRecently: true }));
    expect(again.steps[2]?.result).toBe("offlineAfterRestart");
    expect(again.outcome).toEqual({ kind: "TECHNICIAN", href: TECHNICIAN_HREF });
  });

  it("says to wait while a restart is under way", () => {
    const { steps, outcome } = troubleshoot(input({ device: { kind: "MODEM", status: "RESTARTING" } }));
    expect(steps[2]).toMatchObject({ id: "online", status: "warn", result: "restarting" });
    expect(outcome).toEqual({ kind: "RESTARTING" });
  });

  it("recommends a restart for marginal levels and a technician for poor ones", () => {
    const marginal = troubleshoot(input({ diagnostics: { ...goodModem, snrDb: 31 } }));
    expect(marginal.steps[3]).toMatchObject({ id: "signal", status: "warn", result: "marginal" });
    expect(marginal.outcome).toEqual({ kind: "RESTART" });
    const poor = troubleshoot(input({ diagnostics: { ...goodModem, upstreamPowerDbmv: 56 } }));
    expect(poor.steps[3]).toMatchObject({ id: "signal", status: "fail", result: "poor" });
    expect(poor.outcome).toEqual({ kind: "TECHNICIAN", href: TECHNICIAN_HREF });
  });

  it("checks a router's WiFi bands and how crowded it is", () => {
    const router = (bands: { band: "2.4GHz" | "5GHz"; enabled: boolean }[], clients: number) =>
      troubleshoot(
        input({
          device: { kind: "ROUTER", status: "ONLINE" },
          diagnostics: {
            kind: "ROUTER",
            online: true,
            checkedAt,
            bands: bands.map((b) => ({ ...b, channel: 6 })),
            connectedClients: clients,
          },
        }),
      );
    const good = router(
      [
        { band: "2.4GHz", enabled: true },
        { band: "5GHz", enabled: true },
      ],
      9,
    );
    expect(good.steps[3]).toMatchObject({ id: "wifi", status: "pass", values: { clients: 9, bands: "2.4GHz, 5GHz" } });
    expect(good.outcome.kind).toBe("ALL_GOOD");
    const bandOff = router(
      [
        { band: "2.4GHz", enabled: true },
        { band: "5GHz", enabled: false },
      ],
      9,
    );
    expect(bandOff.steps[3]).toMatchObject({ status: "warn", result: "bandOff", values: { bands: "5GHz" } });
    expect(bandOff.outcome.kind).toBe("RESTART");
    const crowded = router([{ band: "2.4GHz", enabled: true }], 55);
    expect(crowded.steps[3]).toMatchObject({ status: "warn", result: "crowded" });
    expect(crowded.outcome.kind).toBe("ALL_GOOD");
  });

  it("puts the most pressing outcome first whatever else is found (property)", () => {
    const diagnostics = fc.record({
      online: fc.boolean(),
      down: fc.double({ min: -20, max: 20, noNaN: true }),
      snr: fc.double({ min: 20, max: 45, noNaN: true }),
      up: fc.double({ min: 25, max: 60, noNaN: true }),
    });
    fc.assert(
      fc.property(
        diagnostics,
        fc.boolean(),
        fc.constantFrom("ACTIVE", "SUSPENDED", "CLOSED" as const),
        fc.constantFrom("ONLINE", "OFFLINE", "RESTARTING" as const),
        fc.boolean(),
        (d, outage, accountStatus, status, restartedRecently) => {
          const { steps, outcome } = troubleshoot({
            device: { kind: "MODEM", status },
            accountStatus,
            outages: outage ? [{ services: ["INTERNET"], etaAt: null }] : [],
            diagnostics: {
              kind: "MODEM",
              online: d.online,
              checkedAt,
              downstreamPowerDbmv: d.down,
              snrDb: d.snr,
              upstreamPowerDbmv: d.up,
            },
            restartedRecently,
          });
          expect(steps.map((s) => s.id)).toEqual(["outage", "account", "online", "signal"]);
          if (outage) expect(outcome.kind).toBe("OUTAGE");
          else if (accountStatus !== "ACTIVE") expect(outcome.kind).toBe("ACCOUNT");
          else if (status === "RESTARTING") expect(outcome.kind).toBe("RESTARTING");
          const allPass = steps.every((s) => s.status === "pass");
          expect(outcome.kind === "ALL_GOOD").toBe(allPass);
        },
      ),
    );
  });
});
