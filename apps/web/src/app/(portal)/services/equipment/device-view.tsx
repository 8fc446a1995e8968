import type { EquipmentListItem } from "@homeport/core/services/equipment";
import { Badge } from "@homeport/ui/badge";
import { CircleCheck, CircleX, RefreshCw } from "lucide-react";
import { getTranslations } from "next-intl/server";

/** Shared pieces of the equipment pages (server only). */

export const DEVICE_ERROR_CODES = [
  "generic",
  "NO_ACCOUNT",
  "NOT_ALLOWED",
  "EQUIPMENT_NOT_FOUND",
  "RESTART_PENDING",
  "GATEWAY_UNAVAILABLE",
  "REQUEST_OPEN",
  "REASON_NOT_ALLOWED",
  "KIND_REQUIRED",
  "REASON_REQUIRED",
] as const;

export async function deviceErrors(): Promise<Record<string, string>> {
  const t = await getTranslations("equipment.errors");
  return Object.fromEntries(DEVICE_ERROR_CODES.map((code) => [code, t(code)]));
}

const FAILURE_CODES = ["device-unreachable", "timeout", "rejected", "unknown-reference"] as const;

/** A gateway failure code in words. */
export async function failureReason(code: string | null): Promise<string> {
  const t = await getTranslations("equipment.failure");
  const known = FAILURE_CODES.find((c) => c === code);
  return known ? t(known) : t("other");
}

export async function restartLabels(device: string, serial: string) {
  const t = await getTranslations("equipment");
  return {
    restart: t("actions.restart"),
    ariaLabel: t("actions.restartAria", { device, serial }),
    title: t("restartDialog.title", { device }),
    body: t("restartDialog.body"),
    confirm: t("restartDialog.confirm"),
    cancel: t("restartDialog.cancel"),
  };
}

const STATUS_VIEW = {
  ONLINE: { variant: "success", Icon: CircleCheck },
  OFFLINE: { variant: "danger", Icon: CircleX },
  RESTARTING: { variant: "info", Icon: RefreshCw },
} as const;

export function StatusBadge({ status, label }: { status: EquipmentListItem["status"]; label: string }) {
  const { variant, Icon } = STATUS_VIEW[status];
  return (
    <Badge variant={variant}>
      <Icon aria-hidden="true" className={status === "RESTARTING" ? "motion-safe:animate-spin" : undefined} />
      {label}
    </Badge>
  );
}
