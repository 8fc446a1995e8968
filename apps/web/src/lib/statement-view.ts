import type { BillChange } from "@homeport/core/billing/explain";
import type { getStatement } from "@homeport/core/billing/statements";
import type { getTranslations } from "next-intl/server";
import type { BillingFormatter } from "./billing-format.ts";

type StatementData = Awaited<ReturnType<typeof getStatement>>;
type Line = StatementData["statement"]["lines"][number];
type Translator = Awaited<ReturnType<typeof getTranslations<"billing">>>;

export interface ViewLine {
  label: string;
  detail?: string;
  amount: string;
  credit?: boolean;
}

export interface StatementView {
  title: string;
  summary: { label: string; amount: string; emphasis?: boolean }[];
  sections: { key: string; title: string; lines: ViewLine[]; subtotal: { label: string; amount: string } }[];
  changes: { title: string; headline: string; items: string[] };
}

const SERVICE_SECTIONS = ["INTERNET", "TV", "PHONE"] as const;

function lineDetail(line: Line, t: Translator, f: BillingFormatter): string | undefined {
  const d = line.details;
  const parts: string[] = [];
  const partial = d.days !== undefined && d.cycleDays !== undefined && d.days < d.cycleDays;
  if (line.kind === "SERVICE" && d.rateCents !== undefined) {
    if (d.promo) {
      parts.push(
        d.promoEndsOn
          ? t("line.promo", {
              rate: f.money(d.rateCents),
              regular: f.money(d.regularCents ?? d.rateCents),
              until: f.day(d.promoEndsOn),
            })
          : t("line.promoOpenEnded", { rate: f.money(d.rateCents), regular: f.money(d.regularCents ?? d.rateCents) }),
      );
    } else {
      parts.push(t("line.monthly", { rate: f.money(d.rateCents) }));
    }
  }
  if (line.kind === "EQUIPMENT" && d.rateCents !== undefined) {
    parts.push(d.rateCents === 0 ? t("line.included") : t("line.monthly", { rate: f.money(d.rateCents) }));
  }
  if (partial && d.from && d.to) {
    parts.push(
      t("line.prorated", { from: f.day(d.from), to: f.day(d.to), days: d.days ?? 0, cycleDays: d.cycleDays ?? 0 }),
    );
  }
  if (line.kind === "TAX" && d.rateBasisPoints !== undefined && d.baseCents !== undefined) {
    parts.push(t("line.taxRate", { rate: f.percent(d.rateBasisPoints), base: f.money(d.baseCents) }));
  }
  if (line.code.startsWith("usage-overage") && d.values) {
    parts.push(
      t("line.overage", {
        blocks: Number(d.values.blocks ?? 0),
        used: f.number(Number(d.values.usedGb ?? 0), 0),
        cap: f.number(Number(d.values.capGb ?? 0), 0),
      }),
    );
  }
  if (line.code === "outage-credit" && d.values?.startedOn) {
    parts.push(
      t("line.outage", {
        date: f.day(String(d.values.startedOn)),
        hours: Number(d.values.hours ?? 0),
        days: Number(d.values.days ?? 0),
      }),
    );
  } else if ((line.kind === "ONE_TIME" || line.kind === "CREDIT" || line.code === "late-fee") && d.from) {
    parts.push(t("line.on", { date: f.day(d.from) }));
  }
  return parts.length ? parts.join(" · ") : undefined;
}

export function lineLabel(line: Line, t: Translator, locale: string): string {
  const d = line.details;
  if (line.kind === "SERVICE") return line.name ?? line.code;
  if (line.kind === "EQUIPMENT") {
    const kind = t.has(`equipment.${line.code}`) ? t(`equipment.${line.code}` as "equipment.MODEM") : line.code;
    return line.name ? `${kind}: ${line.name}` : kind;
  }
  if (d.label) return locale === "es" ? d.label.es : d.label.en;
  const key = `charge.${line.code}`;
  return t.has(key) ? t(key as "charge.installation") : t("charge.unnamed", { code: line.code });
}

function changeSentence(change: BillChange, t: Translator, f: BillingFormatter): string {
  const amount = f.money(Math.abs(change.deltaCents));
  const direction = change.deltaCents >= 0 ? "up" : "down";
  switch (change.reason) {
    case "PROMO_ENDED":
      return t("explain.PROMO_ENDED", {
        name: change.name,
        promo: f.money(change.promoCents),
        regular: f.money(change.regularCents),
        on: f.day(change.on),
        amount,
      });
    case "PLAN_CHANGED":
      return t("explain.PLAN_CHANGED", {
        from: change.fromName,
        to: change.toName,
        on: f.day(change.on),
        oldDays: change.oldDays,
        newDays: change.newDays,
        amount,
        direction,
      });
    case "SERVICE_ADDED":
      return t("explain.SERVICE_ADDED", { name: change.name, on: f.day(change.on), amount });
    case "SERVICE_REMOVED":
      return t("explain.SERVICE_REMOVED", { name: change.name, amount });
    case "PRICE_CHANGED":
      return t("explain.PRICE_CHANGED", {
        name: change.name,
        from: f.money(change.fromCents),
        to: f.money(change.toCents),
        amount,
        direction,
      });
    case "EQUIPMENT_ADDED":
      return t("explain.EQUIPMENT_ADDED", { name: change.name, on: f.day(change.on), amount });
    case "EQUIPMENT_RETURNED":
      return t("explain.EQUIPMENT_RETURNED", { name: change.name, amount });
    case "ONE_TIME_CHARGE":
      if (change.code === "previous-one-time") return t("explain.PREVIOUS_ONE_TIME", { amount });
      return t("explain.ONE_TIME_CHARGE", {
        label: t.has(`charge.${change.code}`) ? t(`charge.${change.code}` as "charge.installation") : change.code,
        amount,
      });
    case "LATE_FEE":
      return t("explain.LATE_FEE", { amount });
    case "USAGE_OVERAGE":
      return t("explain.USAGE_OVERAGE", { amount });
    case "CREDIT":
      return t("explain.CREDIT", { amount });
    case "FEES_AND_TAXES":
      return t("explain.FEES_AND_TAXES", { amount, direction });
    case "PARTIAL_MONTH":
      return t("explain.PARTIAL_MONTH", {
        name: change.name,
        days: change.days,
        cycleDays: change.cycleDays,
        amount,
        direction,
      });
  }
}

/** One statement as both the page and its PDF show it, so the two always match. */
export function buildStatementView(data: StatementData, t: Translator, f: BillingFormatter): StatementView {
  const { statement, explanation } = data;
  const sum = (lines: Line[]) => lines.reduce((total, line) => total + line.amountCents, 0);
  const toView = (line: Line): ViewLine => ({
    label: lineLabel(line, t, f.locale),
    detail: lineDetail(line, t, f),
    amount: f.money(line.amountCents),
    credit: line.amountCents < 0,
  });
  const groups: { key: string; title: string; lines: Line[] }[] = [
    ...SERVICE_SECTIONS.map((service) => ({
      key: service,
      title: t(`section.${service}`),
      lines: statement.lines.filter((l) => l.kind === "SERVICE" && l.service === service),
    })),
    { key: "EQUIPMENT", title: t("section.EQUIPMENT"), lines: statement.lines.filter((l) => l.kind === "EQUIPMENT") },
    {
      key: "ONE_TIME",
      title: t("section.ONE_TIME"),
      lines: statement.lines.filter((l) => l.kind === "ONE_TIME" || l.kind === "CREDIT" || l.code === "late-fee"),
    },
    {
      key: "TAXES",
      title: t("section.TAXES"),
      lines: statement.lines.filter((l) => (l.kind === "FEE" && l.code !== "late-fee") || l.kind === "TAX"),
    },
  ];
  const sections = groups
    .filter((g) => g.lines.length > 0)
    .map((g) => ({
      key: g.key,
      title: g.title,
      lines: g.lines.map(toView),
      subtotal: { label: t("subtotal", { section: g.title }), amount: f.money(sum(g.lines)) },
    }));

  const delta = explanation.deltaCents;
  const headline =
    data.previousId === null
      ? t("explain.first")
      : delta === 0
        ? t("explain.same")
        : t("explain.headline", { direction: delta > 0 ? "up" : "down", amount: f.money(Math.abs(delta)) });

  return {
    title: t("statement.title", { month: f.month(statement.periodEnd) }),
    summary: [
      { label: t("statement.previousBalance"), amount: f.money(statement.previousBalanceCents) },
      { label: t("statement.paymentsReceived"), amount: f.money(-statement.paymentsCents) },
      { label: t("statement.newCharges"), amount: f.money(statement.newChargesCents) },
      {
        label: t("statement.totalDue", { date: f.day(statement.dueOn) }),
        amount: f.money(statement.totalDueCents),
        emphasis: true,
      },
    ],
    sections,
    changes: {
      title: t("explain.title"),
      headline,
      items: data.previousId === null ? [] : explanation.changes.map((change) => changeSentence(change, t, f)),
    },
  };
}
