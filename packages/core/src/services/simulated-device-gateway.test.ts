import { describe, expect, it } from "vitest";
import {
  createSimulatedDeviceGateway,
  pollSimulatedRef,
  simulatedDiagnostics,
  simulatedHealth,
  simulatorOptionsFromEnv,
} from "./simulated-device-gateway.ts";

const modem = { kind: "MODEM" as const, serialNumber: "EU2251-0042-7781" };

describe("simulated device gateway", () => {
  it("completes an operation after its delay, computed from the reference and the clock alone", async () => {
    let now = new Date("2026-11-22T18:00:00Z");
    const gateway = createSimulatedDeviceGateway({ now: () => now, failureRate: 0, restartDelayMs: [8000, 20000] });
    const ref = await gateway.restart(modem);
    expect(await gateway.poll(ref)).toEqual({ state: "pending" });
    now = new Date(now.getTime() + 7_999);
    expect((await gateway.poll(ref)).state).toBe("pending");
    now = new Date(now.getTime() + 12_001);
    const done = await gateway.poll(ref);
    expect(done.state).toBe("applied");
    // Another instance (no shared memory) reads the same reference the same way.
    expect(pollSimulatedRef(ref, now)).toEqual(done);
  });

  it("fails at the configured rate with a failure code", async () => {
    const now = new Date("2026-11-22T18:00:00Z");
    const gateway = createSimulatedDeviceGateway({ now: () => now, failureRate: 1, wifiDelayMs: [0, 0] });
    const ref = await gateway.applyWifi(modem, { ssid: "x", password: "12345678", security: "WPA2" });
    const state = await gateway.poll(ref);
    expect(state.state).toBe("failed");
    expect(state.state === "failed" && ["device-unreachable", "timeout"].includes(state.code)).toBe(true);
  });

  it("treats a reference it did not issue as failed", () => {
    expect(pollSimulatedRef("nonsense", new Date())).toMatchObject({ state: "failed", code: "unknown-reference" });
  });

  it("gives the same readings for a device within an hour, mostly healthy", () => {
    const at = new Date("2026-11-22T18:05:00Z");
    const later = new Date("2026-11-22T18:55:00Z");
    expect(simulatedDiagnostics(modem, at)).toEqual({ ...simulatedDiagnostics(modem, later), checkedAt: at });
    const hours = Array.from({ length: 1000 }, (_, i) => simulatedHealth("S201-77120-88", new Date(i * 3_600_000)));
    const healthy = hours.filter((h) => h === "healthy").length;
    expect(healthy).toBeGreaterThan(700);
    expect(hours).toContain("marginal");
  });

  it("reads its delay range and failure rate from the environment", () => {
    expect(simulatorOptionsFromEnv({ HOMEPORT_DEVICE_DELAY_MS: "1000-2000", HOMEPORT_DEVICE_FAILURE_RATE: 0 })).toEqual(
      {
        restartDelayMs: [1000, 2000],
        wifiDelayMs: [1000, 2000],
        failureRate: 0,
      },
    );
    expect(simulatorOptionsFromEnv({})).toEqual({});
  });
});
