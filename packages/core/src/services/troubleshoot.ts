import type { AccountStatus, EquipmentKind, EquipmentStatus, ServiceKind } from "@homeport/db";
import type { CoreContext } from "../context.ts";
import type { Actor } from "../identity/actor.ts";
import type { DeviceDiagnostics } from "./device-gateway.ts";
import { DeviceError } from "./device-errors.ts";
import { currentDevice, requireHousehold, settleDeviceOperations } from "./equipment.ts";
import { activeOutagesForAccount } from "./outage-lookup.ts";

/**
 * Cable modem signal levels, judged the way field technicians and operator support pages do.
 * The DOCSIS 3.0 physical-layer spec (CableLabs CM-SP-PHYv3.0, downstream receive input −15 to
 * +15 dBmV; upstream transmit up to about +57 dBmV with one channel) gives the hard limits; the
 * everyday "good" and "acceptable" bands below are the narrower ranges operators publish for
 * 256-QAM downstream (e.g. the ARRIS/Motorola and Comcast signal-level guidance):
 *
 * | reading                | good          | acceptable     | otherwise |
 * | ---------------------- | ------------- | -------------- | --------- |
 * | downstream power, dBmV | −7 … +7       | −10 … +10      | poor      |
 * | downstream SNR, dB     | ≥ 33 (256-QAM)| ≥ 30           | poor      |
 * | upstream power, dBmV   | 35 … 50       | 30 … 53        | poor      |
 *
 * Acceptable levels work but leave little margin (a restart makes the modem re-range and often
 * settles them); poor levels mean a wiring or line problem that needs a technician.
 */
export const SIGNAL_THRESHOLDS = {
  downstreamPowerDbmv: { good: [-7, 7], acceptable: [-10, 10] },
  snrDb: { good: 33, acceptable: 30 },
  upstreamPowerDbmv: { good: [35, 50], acceptable: [30, 53] },
} as const;

/** How long after a completed restart a problem is no longer "try restarting" but "call a technician". */
export const RECENT_RESTART_MS = 60 * 60 * 1000;

/** A router with more devices than this on it is crowded: speeds per device drop. */
export const CROWDED_CLIENTS = 40;

export const TECHNICIAN_HREF = "/services/appointments/new";
export const BILLING_HREF = "/billing";

export type Grade = "good" | "acceptable" | "poor";

const within = (value: number, [min, max]: readonly [number, number]) => value >= min && value <= max;

export function gradeDownstreamPower(dbmv: number): Grade {
  const t = SIGNAL_THRESHOLDS.downstreamPowerDbmv;
  return within(dbmv, t.good) ? "good" : within(dbmv, t.acceptable) ? "acceptable" : "poor";
}

export function gradeSnr(db: number): Grade {
  const t = SIGNAL_THRESHOLDS.snrDb;
  return db >= t.good ? "good" : db >= t.acceptable ? "acceptable" : "poor";
}

export function gradeUpstreamPower(dbmv: number): Grade {
  const t = SIGNAL_THRESHOLDS.upstreamPowerDbmv;
  return within(dbmv, t.good) ? "good" : within(dbmv, t.acceptable) ? "acceptable" : "poor";
}

export type StepId = "outage" | "account" | "online" | "signal" | "wifi" | "line";
export type StepStatus = "pass" | "warn" | "fail" | "skip";

export interface SignalReading {
  name: "downstreamPower" | "snr" | "upstreamPower";
  value: number;
  unit: "dBmV" | "dB";
  grade: Grade;
}

export interface TroubleshootStep {
  id: StepId;
  status: StepStatus;
  /** What was found, e.g. "suspended"; pages read `troubleshoot.steps.<id>.<result>`. */
  result: string;
  values?: Record<string, string | number>;
  readings?: SignalReading[];
}

export type TroubleshootOutcome =
  | { kind: "ALL_GOOD" }
  | { kind: "RESTART" }
  | { kind: "RESTARTING" }
  | { kind: "TECHNICIAN"; href: string }
  | { kind: "ACCOUNT"; href: string }
  | { kind: "OUTAGE"; etaAt: Date | null };

export interface TroubleshootInput {
  device: { kind: EquipmentKind; status: EquipmentStatus };
  accountStatus: AccountStatus;
  outages: { services: ServiceKind[]; etaAt: Date | null }[];
  diagnostics: DeviceDiagnostics;
  /** A restart completed within RECENT_RESTART_MS. */
  restartedRecently: boolean;
}

/** The service a device carries, so only an outage of that service explains its trouble. */
export const DEVICE_SERVICE: Record<EquipmentKind, ServiceKind> = {
  MODEM: "INTERNET",
  ROUTER: "INTERNET",
  TV_RECEIVER: "TV",
  PHONE_ADAPTER: "PHONE",
};

const RANK: Record<TroubleshootOutcome["kind"], number> = {
  ALL_GOOD: 0,
  RESTART: 1,
  TECHNICIAN: 2,
  RESTARTING: 3,
  ACCOUNT: 4,
  OUTAGE: 5,
};

/**
 * The guided check: each step says what it found, and the outcome is the most pressing next
 * action: an outage (wait; nothing at home will fix it) before a suspended account (pay) before a
 * restart in progress (wait a minute) before a technician (poor signal, or still broken after a
 * recent restart) before a restart (offline, marginal signal) before "all good".
 */
export function troubleshoot(input: TroubleshootInput): { steps: TroubleshootStep[]; outcome: TroubleshootOutcome } {
  const steps: TroubleshootStep[] = [];
  let outcome: TroubleshootOutcome = { kind: "ALL_GOOD" };
  const raise = (next: TroubleshootOutcome) => {
    if (RANK[next.kind] > RANK[outcome.kind]) outcome = next;
  };
  const restartOrTechnician = (): TroubleshootOutcome =>
    input.restartedRecently ? { kind: "TECHNICIAN", href: TECHNICIAN_HREF } : { kind: "RESTART" };

  // 1. An outage at the address for this device's service.
  const service = DEVICE_SERVICE[input.device.kind];
  const outages = input.outages.filter((o) => o.services.includes(service));
  if (outages.length > 0) {
    const etas = outages.map((o) => o.etaAt).filter((d): d is Date => d !== null);
    const etaAt = etas.length === outages.length ? new Date(Math.max(...etas.map((d) => d.getTime()))) : null;
    steps.push({ id: "outage", status: "fail", result: etaAt ? "active" : "activeNoEta", values: { service } });
    raise({ kind: "OUTAGE", etaAt });
  } else {
    steps.push({ id: "outage", status: "pass", result: "none", values: { service } });
  }

  // 2. The account: a suspended account has its service switched off at the network.
  if (input.accountStatus === "ACTIVE") {
    steps.push({ id: "account", status: "pass", result: "active" });
  } else {
    steps.push({ id: "account", status: "fail", result: input.accountStatus === "SUSPENDED" ? "suspended" : "closed" });
    raise({ kind: "ACCOUNT", href: BILLING_HREF });
  }

  // 3. The device online.
  const d = input.diagnostics;
  let reachable = false;
  if (input.device.status === "RESTARTING") {
    steps.push({ id: "online", status: "warn", result: "restarting" });
    raise({ kind: "RESTARTING" });
  } else if (!d.online) {
    steps.push({ id: "online", status: "fail", result: input.restartedRecently ? "offlineAfterRestart" : "offline" });
    raise(restartOrTechnician());
  } else {
    reachable = true;
    steps.push({ id: "online", status: "pass", result: "online" });
  }

  // 4. Signal levels (modem, TV receiver) or 5. WiFi (router) or the phone line (adapter).
  if (!reachable) {
    const id: StepId = d.kind === "ROUTER" ? "wifi" : d.kind === "PHONE_ADAPTER" ? "line" : "signal";
    steps.push({ id, status: "skip", result: "skipped" });
    return { steps, outcome };
  }
  switch (d.kind) {
    case "MODEM": {
      const readings: SignalReading[] = [
        {
          name: "downstreamPower",
          value: d.downstreamPowerDbmv,
          unit: "dBmV",
          grade: gradeDownstreamPower(d.downstreamPowerDbmv),
        },
        { name: "snr", value: d.snrDb, unit: "dB", grade: gradeSnr(d.snrDb) },
        {
          name: "upstreamPower",
          value: d.upstreamPowerDbmv,
          unit: "dBmV",
          grade: gradeUpstreamPower(d.upstreamPowerDbmv),
        },
      ];
      if (readings.some((r) => r.grade === "poor")) {
        steps.push({ id: "signal", status: "fail", result: "poor", readings });
        raise({ kind: "TECHNICIAN", href: TECHNICIAN_HREF });
      } else if (readings.some((r) => r.grade === "acceptable")) {
        steps.push({ id: "signal", status: "warn", result: "marginal", readings });
        raise(restartOrTechnician());
      } else {
        steps.push({ id: "signal", status: "pass", result: "good", readings });
      }
      break;
    }
    case "TV_RECEIVER":
      if (d.signal === "ok") {
        steps.push({ id: "signal", status: "pass", result: "tvOk" });
      } else {
        steps.push({ id: "signal", status: "warn", result: "tvWeak" });
        raise(restartOrTechnician());
      }
      break;
    case "ROUTER": {
      const off = d.bands.filter((b) => !b.enabled).map((b) => b.band);
      const bands = d.bands
        .filter((b) => b.enabled)
        .map((b) => b.band)
        .join(", ");
      if (off.length > 0) {
        steps.push({ id: "wifi", status: "warn", result: "bandOff", values: { bands: off.join(", ") } });
        raise(restartOrTechnician());
      } else if (d.connectedClients > CROWDED_CLIENTS) {
        // Many devices: a tip, not a fault; a restart does not help.
        steps.push({ id: "wifi", status: "warn", result: "crowded", values: { clients: d.connectedClients, bands } });
      } else {
        steps.push({ id: "wifi", status: "pass", result: "good", values: { clients: d.connectedClients, bands } });
      }
      break;
    }
    case "PHONE_ADAPTER":
      if (d.lineRegistered) {
        steps.push({ id: "line", status: "pass", result: "registered" });
      } else {
        steps.push({ id: "line", status: "fail", result: "unregistered" });
        raise(restartOrTechnician());
      }
      break;
  }
  return { steps, outcome };
}

/**
 * Runs the guided check for one of the household's devices: the outage lookup, the account, and
 * what the device reports through the gateway right now.
 */
export async function runTroubleshooter(
  ctx: Pick<CoreContext, "db" | "now" | "devices">,
  actor: Pick<Actor, "accountId" | "membershipRole">,
  equipmentId: string,
) {
  const accountId = requireHousehold(actor);
  await settleDeviceOperations(ctx, accountId);
  const device = await currentDevice(ctx.db, accountId, equipmentId);
  const now = ctx.now();
  const [account, outages, lastRestart] = await Promise.all([
    ctx.db.serviceAccount.findUniqueOrThrow({ where: { id: accountId }, select: { status: true } }),
    activeOutagesForAccount(ctx.db, accountId),
    ctx.db.deviceOperation.findFirst({
      where: { equipmentId: device.id, kind: "RESTART", status: "APPLIED" },
      orderBy: { completedAt: "desc" },
      select: { completedAt: true },
    }),
  ]);
  let diagnostics: DeviceDiagnostics;
  try {
    diagnostics = await ctx.devices.diagnose({
      kind: device.kind,
      serialNumber: device.serialNumber,
      macAddress: device.macAddress,
      model: device.model,
    });
  } catch {
    throw new DeviceError("GATEWAY_UNAVAILABLE");
  }
  const restartedRecently =
    lastRestart?.completedAt != null && now.getTime() - lastRestart.completedAt.getTime() < RECENT_RESTART_MS;
  const result = troubleshoot({
    device: { kind: device.kind, status: device.status },
    accountStatus: account.status,
    outages,
    diagnostics,
    restartedRecently,
  });
  return {
    device: { id: device.id, kind: device.kind, model: device.model, serialNumber: device.serialNumber },
    checkedAt: now,
    ...result,
  };
}
