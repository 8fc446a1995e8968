import type { DraftLine, LineDetails } from "./statement-lines.ts";
import { addDays } from "./calendar.ts";
import { sumCents } from "./money.ts";

/**
 * Why this bill differs from the last one, as facts the page puts into plain words. Every change
 * carries the amount it moved the bill by, so the reasons add up to the difference.
 */
export type BillChange =
  | { reason: "PROMO_ENDED"; name: string; promoCents: number; regularCents: number; on: string; deltaCents: number }
  | {
      reason: "PLAN_CHANGED";
      fromName: string;
      toName: string;
      on: string;
      oldDays: number;
      newDays: number;
      deltaCents: number;
    }
  | { reason: "SERVICE_ADDED"; name: string; on: string; deltaCents: number }
  | { reason: "SERVICE_REMOVED"; name: string; deltaCents: number }
  | { reason: "PRICE_CHANGED"; name: string; fromCents: number; toCents: number; deltaCents: number }
  | { reason: "EQUIPMENT_ADDED"; name: string; on: string; deltaCents: number }
  | { reason: "EQUIPMENT_RETURNED"; name: string; deltaCents: number }
  | { reason: "ONE_TIME_CHARGE"; code: string; deltaCents: number }
  | { reason: "LATE_FEE"; deltaCents: number }
  | { reason: "USAGE_OVERAGE"; deltaCents: number }
  | { reason: "CREDIT"; code: string; deltaCents: number }
  | { reason: "FEES_AND_TAXES"; deltaCents: number }
  | { reason: "PARTIAL_MONTH"; name: string; days: number; cycleDays: number; deltaCents: number };

export interface Explanation {
  previousCents: number;
  currentCents: number;
  deltaCents: number;
  changes: BillChange[];
}

export type ExplainedLine = Pick<DraftLine, "kind" | "service" | "code" | "name" | "amountCents"> & {
  details: LineDetails;
};

function groupBy<T>(items: T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

const total = (lines: ExplainedLine[]) => sumCents(lines.map((l) => l.amountCents));

export function explainChanges(previous: ExplainedLine[] | null, current: ExplainedLine[]): Explanation {
  const currentCents = total(current);
  const previousCents = previous ? total(previous) : 0;
  const changes: BillChange[] = [];
  const before = previous ?? [];

  const serviceBefore = groupBy(
    before.filter((l) => l.kind === "SERVICE"),
    (l) => l.details.subscriptionId,
  );
  const serviceNow = groupBy(
    current.filter((l) => l.kind === "SERVICE"),
    (l) => l.details.subscriptionId,
  );
  const explainedNow = new Set<string>();
  const explainedBefore = new Set<string>();

  // A plan change: one subscription of a service stops inside this cycle and another starts the same day.
  for (const [id, lines] of serviceNow) {
    if (serviceBefore.has(id) || !previous) continue;
    const first = lines[0] as ExplainedLine;
    const startedOn = first.details.from as string;
    const replaced = [...serviceNow].find(([otherId, other]) => {
      const stoppedOn = other.at(-1)?.details.to;
      return (
        otherId !== id &&
        !explainedNow.has(otherId) &&
        other[0]?.service === first.service &&
        serviceBefore.has(otherId) &&
        stoppedOn !== undefined &&
        addDays(stoppedOn, 1) === startedOn
      );
    });
    if (replaced) {
      const [oldId, oldLines] = replaced;
      const oldBefore = serviceBefore.get(oldId) ?? [];
      changes.push({
        reason: "PLAN_CHANGED",
        fromName: oldLines[0]?.name ?? "",
        toName: first.name ?? "",
        on: startedOn,
        oldDays: sumCents(oldLines.map((l) => l.details.days ?? 0)),
        newDays: sumCents(lines.map((l) => l.details.days ?? 0)),
        deltaCents: total(lines) + total(oldLines) - total(oldBefore),
      });
      explainedNow.add(id).add(oldId);
      explainedBefore.add(oldId);
    } else {
      changes.push({ reason: "SERVICE_ADDED", name: first.name ?? "", on: startedOn, deltaCents: total(lines) });
      explainedNow.add(id);
    }
  }

  for (const [id, lines] of serviceNow) {
    if (explainedNow.has(id)) continue;
    const old = serviceBefore.get(id);
    if (!old) continue;
    explainedBefore.add(id);
    const delta = total(lines) - total(old);
    const wasPromo = old.some((l) => l.details.promo);
    const regular = lines.find((l) => !l.details.promo);
    const latest = lines.at(-1) as ExplainedLine;
    const previousLatest = old.at(-1) as ExplainedLine;
    if (wasPromo && regular) {
      changes.push({
        reason: "PROMO_ENDED",
        name: regular.name ?? "",
        promoCents: old.find((l) => l.details.promo)?.details.rateCents ?? 0,
        regularCents: regular.details.rateCents ?? 0,
        on: regular.details.promoEndsOn ?? regular.details.from ?? "",
        deltaCents: delta,
      });
    } else if ((latest.details.rateCents ?? 0) !== (previousLatest.details.rateCents ?? 0)) {
      changes.push({
        reason: "PRICE_CHANGED",
        name: latest.name ?? "",
        fromCents: previousLatest.details.rateCents ?? 0,
        toCents: latest.details.rateCents ?? 0,
        deltaCents: delta,
      });
    } else if (delta !== 0) {
      const days = sumCents(lines.map((l) => l.details.days ?? 0));
      changes.push({
        reason: "PARTIAL_MONTH",
        name: latest.name ?? "",
        days,
        cycleDays: latest.details.cycleDays ?? days,
        deltaCents: delta,
      });
    }
  }

  for (const [id, lines] of serviceBefore) {
    if (explainedBefore.has(id) || serviceNow.has(id)) continue;
    changes.push({ reason: "SERVICE_REMOVED", name: lines[0]?.name ?? "", deltaCents: -total(lines) });
  }

  const equipmentBefore = groupBy(
    before.filter((l) => l.kind === "EQUIPMENT"),
    (l) => l.details.equipmentId,
  );
  const equipmentNow = groupBy(
    current.filter((l) => l.kind === "EQUIPMENT"),
    (l) => l.details.equipmentId,
  );
  if (previous) {
    for (const [id, lines] of equipmentNow) {
      if (!equipmentBefore.has(id)) {
        changes.push({
          reason: "EQUIPMENT_ADDED",
          name: lines[0]?.name ?? "",
          on: lines[0]?.details.from ?? "",
          deltaCents: total(lines),
        });
      }
    }
    for (const [id, lines] of equipmentNow) {
      const old = equipmentBefore.get(id);
      const delta = old ? total(lines) - total(old) : 0;
      if (old && delta !== 0) {
        const days = sumCents(lines.map((l) => l.details.days ?? 0));
        const cycleDays = lines[0]?.details.cycleDays ?? days;
        changes.push({ reason: "PARTIAL_MONTH", name: lines[0]?.name ?? "", days, cycleDays, deltaCents: delta });
      }
    }
    for (const [id, lines] of equipmentBefore) {
      if (!equipmentNow.has(id)) {
        changes.push({ reason: "EQUIPMENT_RETURNED", name: lines[0]?.name ?? "", deltaCents: -total(lines) });
      }
    }
  }

  // One-time charges and credits appear once, so each is a change relative to the last bill.
  const oneOffsBefore = before.filter((l) => l.kind === "ONE_TIME" || l.kind === "CREDIT" || l.code === "late-fee");
  for (const line of current) {
    if (line.code === "late-fee") changes.push({ reason: "LATE_FEE", deltaCents: line.amountCents });
    else if (line.kind === "ONE_TIME" && line.code === "usage-overage") {
      changes.push({ reason: "USAGE_OVERAGE", deltaCents: line.amountCents });
    } else if (line.kind === "ONE_TIME") {
      changes.push({ reason: "ONE_TIME_CHARGE", code: line.code, deltaCents: line.amountCents });
    } else if (line.kind === "CREDIT")
      changes.push({ reason: "CREDIT", code: line.code, deltaCents: line.amountCents });
  }
  if (previous) {
    const lapsed = total(oneOffsBefore);
    if (lapsed !== 0) {
      changes.push({ reason: "ONE_TIME_CHARGE", code: "previous-one-time", deltaCents: -lapsed });
    }
  }

  const isFeeOrTax = (l: ExplainedLine) => (l.kind === "FEE" && l.code !== "late-fee") || l.kind === "TAX";
  const feeDelta = total(current.filter(isFeeOrTax)) - total(before.filter(isFeeOrTax));
  if (previous && feeDelta !== 0) changes.push({ reason: "FEES_AND_TAXES", deltaCents: feeDelta });

  return { previousCents, currentCents, deltaCents: currentCents - previousCents, changes };
}
