import type { EquipmentKind, WifiSecurity } from "@homeport/db";

/**
 * The provider's device-management system (TR-069 / USP auto-configuration server, the cable
 * modem termination system's view of the modem): the port through which the portal restarts a
 * device, changes a router's WiFi and reads what a guided check needs. A command returns a
 * reference at once; the outcome arrives later and is polled with that reference, so nothing about
 * an operation in flight lives in a process's memory.
 */
export interface DeviceGateway {
  /** "SIMULATED" for the built-in simulator; a real adapter names its system. */
  readonly kind: string;
  /** Asks the device to reboot; returns the gateway's reference for the operation. */
  restart(device: DeviceTarget): Promise<string>;
  /** Pushes a new network name, passphrase and security mode to a router. */
  applyWifi(device: DeviceTarget, settings: WifiSettings): Promise<string>;
  /** Where an operation stands now. An unknown or malformed reference is a failure, not an exception. */
  poll(ref: string): Promise<DeviceOperationState>;
  /** What the device reports right now, for the troubleshooter. */
  diagnose(device: DeviceTarget): Promise<DeviceDiagnostics>;
}

export interface DeviceTarget {
  kind: EquipmentKind;
  serialNumber: string;
  macAddress?: string | null;
  model?: string;
}

export interface WifiSettings {
  ssid: string;
  password: string;
  security: WifiSecurity;
}

/** Why an operation failed, as the gateway reports it; pages put each into words. */
export const DEVICE_FAILURE_CODES = ["device-unreachable", "timeout", "rejected", "unknown-reference"] as const;
export type DeviceFailureCode = (typeof DEVICE_FAILURE_CODES)[number];

export type DeviceOperationState =
  { state: "pending" } | { state: "applied"; at: Date } | { state: "failed"; at: Date; code: DeviceFailureCode };

export type WifiBand = "2.4GHz" | "5GHz" | "6GHz";

interface DiagnosticsBase {
  online: boolean;
  checkedAt: Date;
}

export type DeviceDiagnostics =
  | (DiagnosticsBase & {
      kind: "MODEM";
      /** Downstream receive power, dBmV (average over the bonded channels). */
      downstreamPowerDbmv: number;
      /** Downstream signal-to-noise ratio, dB (worst bonded channel). */
      snrDb: number;
      /** Upstream transmit power, dBmV (highest bonded channel). */
      upstreamPowerDbmv: number;
    })
  | (DiagnosticsBase & {
      kind: "ROUTER";
      bands: { band: WifiBand; enabled: boolean; channel: number }[];
      connectedClients: number;
    })
  | (DiagnosticsBase & { kind: "TV_RECEIVER"; signal: "ok" | "weak" })
  | (DiagnosticsBase & { kind: "PHONE_ADAPTER"; lineRegistered: boolean });
