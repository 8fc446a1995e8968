import { coreContext } from "@homeport/core/context";
import { DeviceError } from "@homeport/core/services/device-errors";
import { getEquipment } from "@homeport/core/services/equipment";
import { listOpenEquipmentRequests, REPLACE_REASONS, RETURN_REASONS } from "@homeport/core/services/equipment-requests";
import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { brand, displayPhone } from "@/lib/brand";
import { dateFormatter } from "@/lib/format";
import { requireUser } from "@/lib/session";
import { deviceErrors } from "../../device-view.tsx";
import { EquipmentRequestForm } from "./request-form.tsx";

export const metadata = { title: "Return or replace equipment" };

export default async function EquipmentRequestPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ sent?: string }>;
}) {
  const [{ id }, { sent }] = await Promise.all([params, searchParams]);
  const user = await requireUser(`/services/equipment/${encodeURIComponent(id)}/return`);
  if (!user.accountId) redirect("/services/equipment");
  const ctx = coreContext();
  let device;
  try {
    device = await getEquipment(ctx, user.accountId, id);
  } catch (error) {
    if (error instanceof DeviceError && error.code === "EQUIPMENT_NOT_FOUND") notFound();
    throw error;
  }
  const timeZone = user.timeZone ?? brand().timeZone;
  const [t, te, format, errors, open] = await Promise.all([
    getTranslations("equipment.request"),
    getTranslations("equipment"),
    dateFormatter(timeZone),
    deviceErrors(),
    listOpenEquipmentRequests(ctx.db, user.accountId, device.id),
  ]);
  const name = te("deviceName", { kind: device.kind, model: device.model });
  const ticket = open[0];
  const isOwner = user.membershipRole === "OWNER";
  const phone = displayPhone(brand().supportPhone);

  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-6">
      <PageHeader
        title={t("title", { device: name })}
        description={t("description")}
        actions={
          <Button asChild variant="ghost">
            <Link href={`/services/equipment/${device.id}`}>{te("detail.backToDevice")}</Link>
          </Button>
        }
      />
      {ticket ? (
        <Card>
          <CardHeader>
            <CardTitle>{sent === ticket.reference ? t("sentTitle") : t("openTitle")}</CardTitle>
            <CardDescription>
              {t("openBody", { kind: ticket.kind, date: format.dateTime(ticket.createdAt) })}
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <Alert variant={sent === ticket.reference ? "success" : "info"}>
              {t("referenceLine")} <strong className="font-mono text-base">{ticket.reference}</strong>
            </Alert>
            <section aria-labelledby="next-steps" className="flex flex-col gap-2">
              <h2 id="next-steps" className="font-semibold">
                {ticket.kind === "EQUIPMENT_RETURN" ? t("howToReturnTitle") : t("howToReplaceTitle")}
              </h2>
              <ol className="flex list-decimal flex-col gap-1 ps-5 text-sm">
                {(ticket.kind === "EQUIPMENT_RETURN"
                  ? [t("howToReturn.pack"), t("howToReturn.dropOff"), t("howToReturn.label"), t("howToReturn.fees")]
                  : [t("howToReplace.ship"), t("howToReplace.swap"), t("howToReplace.sendBack")]
                ).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ol>
              <p className="text-sm text-fg-muted">{t("questions", { phone })}</p>
            </section>
          </CardContent>
        </Card>
      ) : (
        <Card>
          <CardContent>
            <EquipmentRequestForm
              equipmentId={device.id}
              kinds={[
                ...(isOwner
                  ? [{ value: "RETURN" as const, label: t("kindReturn"), description: t("kindReturnHint") }]
                  : []),
                { value: "REPLACE" as const, label: t("kindReplace"), description: t("kindReplaceHint") },
              ]}
              reasons={{
                RETURN: RETURN_REASONS.map((value) => ({ value, label: t(`reasons.${value}`) })),
                REPLACE: REPLACE_REASONS.map((value) => ({ value, label: t(`reasons.${value}`) })),
              }}
              labels={{
                kindLegend: t("kindLegend"),
                reason: t("reason"),
                reasonPlaceholder: t("reasonPlaceholder"),
                details: t("details"),
                detailsHint: t("detailsHint"),
                optional: t("optional"),
                submit: t("submit"),
              }}
              errors={errors}
            />
            {!isOwner ? <p className="mt-4 text-sm text-fg-muted">{t("memberNote")}</p> : null}
          </CardContent>
        </Card>
      )}
    </div>
  );
}
