import type { CoreEnv } from "../env.ts";
import {
  DEVICE_FAILURE_CODES,
  type DeviceDiagnostics,
  type DeviceFailureCode,
  type DeviceGateway,
  type DeviceOperationState,
  type DeviceTarget,
} from "./device-gateway.ts";

export type DelayRange = readonly [min: number, max: number];

export interface SimulatedDeviceGatewayOptions {
  /** The clock; tests pass the test context's movable one. */
  now?: () => Date;
  /** How long a restart takes (ms). A real reboot is 60–120 s; the default is compressed to 8–20 s. */
  restartDelayMs?: DelayRange;
  /** How long a WiFi change takes (ms); default 4–10 s. */
  wifiDelayMs?: DelayRange;
  /** Share of operations that fail, 0..1; default 0.08. */
  failureRate?: number;
  /** Uniform [0, 1); injectable so tests can pick outcomes. */
  random?: () => number;
}

export const DEFAULT_RESTART_DELAY_MS: DelayRange = [8_000, 20_000];
export const DEFAULT_WIFI_DELAY_MS: DelayRange = [4_000, 10_000];
export const DEFAULT_FAILURE_RATE = 0.08;

const REF_VERSION = "sim1";
/** The failures a simulated operation can end in. */
const SIMULATED_FAILURES: DeviceFailureCode[] = ["device-unreachable", "timeout"];

/**
 * The default DeviceGateway: behaves like a device-management system (a command is accepted at
 * once and completes, or fails, some seconds later) without keeping anything in memory. The
 * reference carries the submit time, the delay and the outcome decided at submit time, so `poll`
 * computes the state from the clock alone and two app instances (or a restarted one) agree on it.
 * References are stored server-side only, so they are not signed.
 *
 * Diagnostics are deterministic per serial number and hour: mostly healthy, sometimes marginal,
 * rarely poor, so a page reload shows the same readings and the troubleshooter can be demoed.
 */
export function createSimulatedDeviceGateway(options: SimulatedDeviceGatewayOptions = {}): DeviceGateway {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const failureRate = options.failureRate ?? DEFAULT_FAILURE_RATE;
  const restartDelay = options.restartDelayMs ?? DEFAULT_RESTART_DELAY_MS;
  const wifiDelay = options.wifiDelayMs ?? DEFAULT_WIFI_DELAY_MS;

  function submit(op: "r" | "w", range: DelayRange): string {
    const [min, max] = range;
    const delay = Math.round(min + random() * Math.max(0, max - min));
    const failed = random() < failureRate;
    const outcome = failed ? SIMULATED_FAILURES[Math.floor(random() * SIMULATED_FAILURES.length)] : "ok";
    const nonce = Math.floor(random() * 36 ** 6)
      .toString(36)
      .padStart(6, "0");
    return [REF_VERSION, op, now().getTime().toString(36), delay.toString(36), outcome, nonce].join(".");
  }

  return {
    kind: "SIMULATED",
    async restart() {
      return submit("r", restartDelay);
    },
    async applyWifi() {
      return submit("w", wifiDelay);
    },
    async poll(ref) {
      return pollSimulatedRef(ref, now());
    },
    async diagnose(device) {
      return simulatedDiagnostics(device, now());
    },
  };
}

/** The state a simulator reference is in at `at`: pure, so any instance computes the same. */
export function pollSimulatedRef(ref: string, at: Date): DeviceOperationState {
  const [version, op, submitted, delay, outcome, nonce] = ref.split(".");
  const submittedMs = parseInt(submitted ?? "", 36);
  const delayMs = parseInt(delay ?? "", 36);
  if (
    version !== REF_VERSION ||
    (op !== "r" && op !== "w") ||
    !nonce ||
    !Number.isFinite(submittedMs) ||
    !Number.isFinite(delayMs)
  ) {
    return { state: "failed", at, code: "unknown-reference" };
  }
  const doneAt = new Date(submittedMs + delayMs);
  if (at.getTime() < doneAt.getTime()) return { state: "pending" };
  if (outcome === "ok") return { state: "applied", at: doneAt };
  const code = DEVICE_FAILURE_CODES.find((c) => c === outcome) ?? "unknown-reference";
  return { state: "failed", at: doneAt, code };
}

/** FNV-1a, 32 bit: a stable seed from a string. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small seeded generator, enough for plausible readings. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round1 = (value: number) => Math.round(value * 10) / 10;

export type SimulatedHealth = "healthy" | "marginal" | "poor";

/** Which condition a device is in during one hour: 80 % healthy, 16 % marginal, 4 % poor. */
export function simulatedHealth(serialNumber: string, at: Date): SimulatedHealth {
  const r = seeded(hash(`${serialNumber}|${Math.floor(at.getTime() / 3_600_000)}`))();
  return r < 0.8 ? "healthy" : r < 0.96 ? "marginal" : "poor";
}

export function simulatedDiagnostics(device: DeviceTarget, at: Date): DeviceDiagnostics {
  const health = simulatedHealth(device.serialNumber, at);
  const rnd = seeded(hash(`${device.serialNumber}|${Math.floor(at.getTime() / 3_600_000)}|readings`));
  const between = (min: number, max: number) => min + rnd() * (max - min);
  const checkedAt = at;
  switch (device.kind) {
    case "MODEM": {
      let downstreamPowerDbmv = round1(between(-4, 4));
      let snrDb = round1(between(36, 40));
      let upstreamPowerDbmv = round1(between(38, 46));
      const which = Math.floor(rnd() * 3);
      if (health === "marginal") {
        if (which === 0) downstreamPowerDbmv = round1(-between(7.5, 9.5));
        else if (which === 1) snrDb = round1(between(30.5, 32.5));
        else upstreamPowerDbmv = round1(between(50.5, 52.5));
      } else if (health === "poor") {
        if (which === 0) downstreamPowerDbmv = round1(-between(11, 13));
        else if (which === 1) snrDb = round1(between(25, 29));
        else upstreamPowerDbmv = round1(between(54, 57));
      }
      return { kind: "MODEM", online: true, checkedAt, downstreamPowerDbmv, snrDb, upstreamPowerDbmv };
    }
    case "ROUTER": {
      const bands = [
        { band: "2.4GHz" as const, enabled: true, channel: [1, 6, 11][Math.floor(rnd() * 3)] as number },
        {
          band: "5GHz" as const,
          enabled: health === "healthy",
          channel: [36, 44, 149, 157][Math.floor(rnd() * 4)] as number,
        },
      ];
      const connectedClients = Math.round(health === "poor" ? between(45, 60) : between(4, 18));
      return { kind: "ROUTER", online: true, checkedAt, bands, connectedClients };
    }
    case "TV_RECEIVER":
      return {
        kind: "TV_RECEIVER",
        online: health !== "poor",
        checkedAt,
        signal: health === "healthy" ? "ok" : "weak",
      };
    case "PHONE_ADAPTER":
      return { kind: "PHONE_ADAPTER", online: true, checkedAt, lineRegistered: health !== "poor" };
  }
}

/** Options from HOMEPORT_DEVICE_DELAY_MS ("min-max" for restarts and WiFi changes) and HOMEPORT_DEVICE_FAILURE_RATE. */
export function simulatorOptionsFromEnv(
  env: Pick<CoreEnv, "HOMEPORT_DEVICE_DELAY_MS" | "HOMEPORT_DEVICE_FAILURE_RATE">,
): SimulatedDeviceGatewayOptions {
  const options: SimulatedDeviceGatewayOptions = {};
  if (env.HOMEPORT_DEVICE_DELAY_MS) {
    const [min, max] = env.HOMEPORT_DEVICE_DELAY_MS.split("-").map(Number) as [number, number];
    // One range for both: a test server sets it short, and a WiFi change must stay visible as
    // pending long enough for the page to show it.
    options.restartDelayMs = [min, max];
    options.wifiDelayMs = [min, max];
  }
  if (env.HOMEPORT_DEVICE_FAILURE_RATE !== undefined) options.failureRate = env.HOMEPORT_DEVICE_FAILURE_RATE;
  return options;
}
