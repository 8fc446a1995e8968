import { coreContext } from "@homeport/core/context";
import { DeviceError } from "@homeport/core/services/device-errors";
import { getEquipment } from "@homeport/core/services/equipment";
import { listOpenEquipmentRequests } from "@homeport/core/services/equipment-requests";
import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@homeport/ui/table";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { billingFormatter } from "@/lib/billing-format";
import { brand } from "@/lib/brand";
import { dateFormatter } from "@/lib/format";
import { requireUser } from "@/lib/session";
import { AutoRefresh } from "../auto-refresh.tsx";
import { deviceErrors, failureReason, restartLabels, StatusBadge } from "../device-view.tsx";
import { RestartButton } from "../restart-button.tsx";

export const metadata = { title: "Equipment details" };

export default async function EquipmentDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/services/equipment/${encodeURIComponent(id)}`);
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
  const [t, format, f, errors, requests] = await Promise.all([
    getTranslations("equipment"),
    dateFormatter(timeZone),
    billingFormatter(),
    deviceErrors(),
    listOpenEquipmentRequests(ctx.db, user.accountId, device.id),
  ]);
  const name = t("deviceName", { kind: device.kind, model: device.model });
  const reasons = new Map(
    await Promise.all(
      device.operations
        .filter((op) => op.status === "FAILED")
        .map(async (op) => [op.id, await failureReason(op.failureCode)] as const),
    ),
  );

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={name}
        description={t("detail.description")}
        actions={
          <Button asChild variant="ghost">
            <Link href="/services/equipment">{t("detail.back")}</Link>
          </Button>
        }
      />
      {device.restartPending ? (
        <>
          <AutoRefresh />
          <Alert variant="info">{t("restartingNotice", { device: name })}</Alert>
        </>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[2fr_3fr] [&>*]:min-w-0">
        <Card>
          <CardHeader action={<StatusBadge status={device.status} label={t("status", { status: device.status })} />}>
            <CardTitle>{t("detail.deviceTitle")}</CardTitle>
            <CardDescription>{t("kind", { kind: device.kind })}</CardDescription>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-fg-muted">{t("model")}</dt>
              <dd>{device.model}</dd>
              <dt className="text-fg-muted">{t("serial")}</dt>
              <dd className="font-mono break-all">{device.serialNumber}</dd>
              {device.macAddress ? (
                <>
                  <dt className="text-fg-muted">{t("mac")}</dt>
                  <dd className="font-mono break-all">{device.macAddress}</dd>
                </>
              ) : null}
              <dt className="text-fg-muted">{t("installed")}</dt>
              <dd>{f.day(device.installedOn.toISOString().slice(0, 10))}</dd>
              {device.statusAt ? (
                <>
                  <dt className="text-fg-muted">{t("statusAt")}</dt>
                  <dd>{format.dateTime(device.statusAt)}</dd>
                </>
              ) : null}
            </dl>
          </CardContent>
          <CardFooter className="flex flex-wrap gap-2">
            {device.restartPending ? null : (
              <RestartButton
                equipmentId={device.id}
                labels={await restartLabels(name, device.serialNumber)}
                errors={errors}
              />
            )}
            <Button asChild variant="ghost">
              <Link href={`/services/equipment/${device.id}/troubleshoot`}>{t("actions.troubleshoot")}</Link>
            </Button>
            <Button asChild variant="ghost">
              <Link href={`/services/equipment/${device.id}/return`}>{t("actions.returnReplace")}</Link>
            </Button>
          </CardFooter>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("detail.history")}</CardTitle>
            <CardDescription>{t("detail.historyDescription")}</CardDescription>
          </CardHeader>
          <CardContent>
            {device.operations.length === 0 ? (
              <p className="text-sm text-fg-muted">{t("detail.historyEmpty")}</p>
            ) : (
              <Table regionLabel={t("detail.history")}>
                <TableHeader>
                  <TableRow>
                    <TableHead>{t("detail.operation")}</TableHead>
                    <TableHead>{t("detail.requested")}</TableHead>
                    <TableHead>{t("detail.result")}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {device.operations.map((op) => (
                    <TableRow key={op.id}>
                      <TableCell>{t("detail.operationKind", { kind: op.kind })}</TableCell>
                      <TableCell>{format.dateTime(op.requestedAt)}</TableCell>
                      <TableCell>
                        {t("detail.operationStatus", { status: op.status })}
                        {op.completedAt && op.status === "APPLIED"
                          ? ` · ${format.dateTime(op.completedAt)}`
                          : op.status === "FAILED"
                            ? ` · ${reasons.get(op.id) ?? ""}`
                            : ""}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>{t("detail.requests")}</CardTitle>
        </CardHeader>
        <CardContent>
          {requests.length === 0 ? (
            <p className="text-sm text-fg-muted">{t("detail.requestsEmpty")}</p>
          ) : (
            <ul className="flex flex-col gap-2">
              {requests.map((ticket) => (
                <li key={ticket.id} className="text-sm">
                  {t("detail.requestLine", {
                    kind: ticket.kind,
                    reference: ticket.reference,
                    date: format.dateTime(ticket.createdAt),
                  })}
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
