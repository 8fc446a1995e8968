import { coreContext } from "@homeport/core/context";
import {
  CALLBACK_SLOTS,
  CALLBACK_TOPICS,
  callbackDateRange,
  MAX_OPEN_CALLBACKS,
  listAccountTickets,
} from "@homeport/core/services/callback-request";
import { displayPhone } from "@homeport/core/provider/display-phone";
import { Alert } from "@homeport/ui/alert";
import { Badge, type BadgeVariant } from "@homeport/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { EmptyState } from "@homeport/ui/empty-state";
import { PageHeader } from "@homeport/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@homeport/ui/table";
import { Inbox, PhoneCall } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { billingFormatter } from "@/lib/billing-format";
import { brand } from "@/lib/brand";
import { requireUser } from "@/lib/session";
import { CallbackForm } from "./callback-form.tsx";

export const metadata = { title: "Request a callback" };

const REFERENCE = /^HP-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

const STATUS_BADGE: Record<string, BadgeVariant> = {
  OPEN: "info",
  IN_PROGRESS: "warning",
  RESOLVED: "success",
  CANCELLED: "neutral",
};

export default async function CallbackPage({
  searchParams,
}: {
  searchParams: Promise<{ requested?: string; existing?: string }>;
}) {
  const user = await requireUser("/help/callback");
  const [t, f, params] = await Promise.all([getTranslations("help"), billingFormatter(), searchParams]);
  if (!user.accountId) {
    return (
      <div className="mx-auto flex w-full max-w-3xl flex-col gap-6">
        <PageHeader title={t("callback.title")} />
        <EmptyState
          icon={<PhoneCall />}
          title={t("callback.noAccount")}
          action={
            <Link href="/help" className="text-sm text-brand underline underline-offset-4">
              {t("backToHelp")}
            </Link>
          }
        />
      </div>
    );
  }
  const ctx = coreContext();
  const [account, tickets] = await Promise.all([
    ctx.db.serviceAccount.findUniqueOrThrow({
      where: { id: user.accountId },
      select: { phoneOnFile: true, timeZone: true },
    }),
    listAccountTickets(ctx.db, user.accountId),
  ]);
  const range = callbackDateRange(ctx.now(), account.timeZone);
  const requested = params.requested && REFERENCE.test(params.requested) ? params.requested : null;
  const existing = params.existing && REFERENCE.test(params.existing) ? params.existing : null;
  const errorKeys = [
    "generic",
    "CHECK_FIELDS",
    "PHONE_REQUIRED",
    "PHONE_INVALID",
    "DATE_INVALID",
    "DATE_OUT_OF_RANGE",
    "SLOT_INVALID",
    "TOPIC_INVALID",
    "DETAILS_TOO_LONG",
    "TOO_MANY_OPEN",
    "NO_ACCOUNT",
  ] as const;
  const errors = Object.fromEntries(
    errorKeys.map((key) => [
      key,
      t(`callback.errors.${key}`, {
        earliest: f.day(range.earliest),
        latest: f.day(range.latest),
        max: MAX_OPEN_CALLBACKS,
      }),
    ]),
  );
  const dateOf = (value: Date | null) => (value ? f.day(value.toISOString().slice(0, 10)) : "—");

  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6">
      <PageHeader
        title={t("callback.title")}
        description={t("callback.description", { brand: brand().name })}
        breadcrumbs={
          <Link href="/help" className="text-sm text-brand underline-offset-4 hover:underline">
            {t("backToHelp")}
          </Link>
        }
      />
      {requested ? (
        <Alert variant="success" title={t("callback.requestedTitle")}>
          {t("callback.requested", { reference: requested })}
        </Alert>
      ) : null}
      {existing ? (
        <Alert variant="info" title={t("callback.existingTitle")}>
          {t("callback.existing", { reference: existing })}
        </Alert>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>{t("callback.formTitle")}</CardTitle>
          <CardDescription>{t("callback.formDescription")}</CardDescription>
        </CardHeader>
        <CardContent>
          <CallbackForm
            defaults={{
              phone: account.phoneOnFile ? displayPhone(account.phoneOnFile) : "",
              preferredDate: range.earliest,
            }}
            range={range}
            errors={errors}
            labels={{
              phone: t("callback.phone"),
              phoneHint: t("callback.phoneHint"),
              date: t("callback.date"),
              dateHint: t("callback.dateHint", { earliest: f.day(range.earliest), latest: f.day(range.latest) }),
              slot: t("callback.slot"),
              slots: CALLBACK_SLOTS.map((slot) => ({
                value: slot,
                label: t(`slots.${slot}`),
                description: t(`slotHints.${slot}`),
              })),
              topic: t("callback.topic"),
              topicPlaceholder: t("callback.topicPlaceholder"),
              topics: CALLBACK_TOPICS.map((topic) => ({ value: topic, label: t(`topics.${topic}`) })),
              details: t("callback.details"),
              detailsHint: t("callback.detailsHint"),
              optional: t("callback.optional"),
              submit: t("callback.submit"),
            }}
          />
        </CardContent>
      </Card>

      <section aria-labelledby="your-requests" className="flex flex-col gap-3">
        <h2 id="your-requests" className="text-xl font-semibold">
          {t("requests.title")}
        </h2>
        {tickets.length === 0 ? (
          <EmptyState icon={<Inbox />} headingLevel="h3" title={t("requests.empty")} />
        ) : (
          <Table regionLabel={t("requests.title")}>
            <TableHeader>
              <TableRow>
                <TableHead>{t("requests.reference")}</TableHead>
                <TableHead>{t("requests.request")}</TableHead>
                <TableHead>{t("requests.when")}</TableHead>
                <TableHead>{t("requests.status")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {tickets.map((ticket) => (
                <TableRow key={ticket.id}>
                  <TableCell className="font-mono whitespace-nowrap">{ticket.reference}</TableCell>
                  <TableCell>
                    {t(`kinds.${ticket.kind}`)}
                    {ticket.kind === "CALLBACK" && isTopic(ticket.topic) ? ` · ${t(`topics.${ticket.topic}`)}` : ""}
                  </TableCell>
                  <TableCell className="whitespace-nowrap">
                    {dateOf(ticket.preferredDate)}
                    {ticket.preferredSlot && isSlot(ticket.preferredSlot)
                      ? ` · ${t(`slots.${ticket.preferredSlot}`)}`
                      : ""}
                  </TableCell>
                  <TableCell>
                    <Badge variant={STATUS_BADGE[ticket.status] ?? "neutral"}>{t(`statuses.${ticket.status}`)}</Badge>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
    </div>
  );
}

function isTopic(value: string): value is (typeof CALLBACK_TOPICS)[number] {
  return (CALLBACK_TOPICS as readonly string[]).includes(value);
}

function isSlot(value: string): value is (typeof CALLBACK_SLOTS)[number] {
  return (CALLBACK_SLOTS as readonly string[]).includes(value);
}
