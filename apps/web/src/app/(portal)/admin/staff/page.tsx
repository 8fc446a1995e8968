import { listStaff } from "@homeport/core/admin/staff";
import { can, STAFF_ROLES } from "@homeport/core/admin/permissions";
import { coreContext } from "@homeport/core/context";
import { Alert } from "@homeport/ui/alert";
import { Badge } from "@homeport/ui/badge";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@homeport/ui/card";
import { TextField } from "@homeport/ui/input";
import { PageHeader } from "@homeport/ui/page-header";
import { NativeSelect, SelectField } from "@homeport/ui/select";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@homeport/ui/table";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import {
  changeStaffRoleAction,
  deactivateStaffAction,
  inviteStaffAction,
  reactivateStaffAction,
} from "@/actions/admin-staff";
import { dateFormatter } from "@/lib/format";
import { requestContext } from "@/lib/request-context";
import { requireUser } from "@/lib/session";

export const metadata = { title: "Staff" };

const FORMS = ["invite", "role", "deactivate", "reactivate"] as const;

export default async function StaffPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const user = await requireUser("/admin/staff");
  if (!can(user, "MANAGE_STAFF")) notFound();
  const ctx = coreContext();
  const members = await listStaff(ctx, user, await requestContext({ userId: user.id, sessionId: user.sessionId }));
  const query = await searchParams;
  const [t, f] = await Promise.all([getTranslations("adminStaff.staff"), dateFormatter(ctx.profile.timeZone)]);

  const done = FORMS.find((form) => form === query.done);
  const errorForm = FORMS.find((form) => form === query.form);
  const errorCode = query.error && /^[A-Z_]{2,40}$/.test(query.error) ? query.error : null;
  const errorText = errorCode ? (t.has(`errors.${errorCode}`) ? t(`errors.${errorCode}`) : t("errors.generic")) : null;
  const roleOptions = STAFF_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />

      {done ? <Alert variant="success">{t(`done.${done}`)}</Alert> : null}
      {errorText && errorForm !== "invite" ? <Alert variant="danger">{errorText}</Alert> : null}

      {members.length === 0 ? (
        <p className="text-sm text-fg-muted">{t("empty")}</p>
      ) : (
        <Table regionLabel={t("tableCaption")}>
          <TableCaption visuallyHidden>{t("tableCaption")}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>{t("columns.name")}</TableHead>
              <TableHead>{t("columns.email")}</TableHead>
              <TableHead>{t("columns.role")}</TableHead>
              <TableHead>{t("columns.twoFactor")}</TableHead>
              <TableHead>{t("columns.lastSignIn")}</TableHead>
              <TableHead>{t("columns.status")}</TableHead>
              <TableHead>{t("columns.actions")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {members.map((member) => {
              const self = member.id === user.id;
              return (
                <TableRow key={member.id}>
                  <TableCell className="font-medium">
                    {member.name}
                    {self ? (
                      <Badge variant="info" className="ms-2">
                        {t("you")}
                      </Badge>
                    ) : null}
                  </TableCell>
                  <TableCell className="max-w-56 break-words">{member.email}</TableCell>
                  <TableCell>{t(`roles.${member.role}`)}</TableCell>
                  <TableCell>
                    <Badge variant={member.twoFactorEnabled ? "success" : "warning"}>
                      {member.twoFactorEnabled ? t("twoFactorOn") : t("twoFactorOff")}
                    </Badge>
                  </TableCell>
                  <TableCell className="whitespace-nowrap">
                    {member.lastSignInAt ? (
                      <time dateTime={member.lastSignInAt.toISOString()}>{f.dateTime(member.lastSignInAt)}</time>
                    ) : (
                      t("neverSignedIn")
                    )}
                  </TableCell>
                  <TableCell>
                    {member.disabled ? (
                      <Badge variant="neutral">{t("status.disabled")}</Badge>
                    ) : member.invite === "pending" ? (
                      <Badge variant="info">{t("status.invitePending")}</Badge>
                    ) : member.invite === "expired" ? (
                      <Badge variant="warning">{t("status.inviteExpired")}</Badge>
                    ) : (
                      <Badge variant="success">{t("status.active")}</Badge>
                    )}
                  </TableCell>
                  <TableCell>
                    {self ? (
                      <span className="text-sm text-fg-muted">{t("ownRow")}</span>
                    ) : (
                      <div className="flex flex-wrap items-center gap-2">
                        <form action={changeStaffRoleAction} className="flex items-center gap-2">
                          <input type="hidden" name="userId" value={member.id} />
                          <NativeSelect
                            name="role"
                            aria-label={t("roleFor", { name: member.name })}
                            defaultValue={member.role}
                            options={roleOptions}
                            className="min-w-44"
                          />
                          <Button
                            type="submit"
                            variant="secondary"
                            size="sm"
                            aria-label={t("changeRoleFor", { name: member.name })}
                          >
                            {t("changeRole")}
                          </Button>
                        </form>
                        {member.disabled ? (
                          <form action={reactivateStaffAction}>
                            <input type="hidden" name="userId" value={member.id} />
                            <Button
                              type="submit"
                              variant="secondary"
                              size="sm"
                              aria-label={t("reactivateFor", { name: member.name })}
                            >
                              {t("reactivate")}
                            </Button>
                          </form>
                        ) : (
                          <form action={deactivateStaffAction}>
                            <input type="hidden" name="userId" value={member.id} />
                            <Button
                              type="submit"
                              variant="danger"
                              size="sm"
                              aria-label={t("deactivateFor", { name: member.name })}
                            >
                              {t("deactivate")}
                            </Button>
                          </form>
                        )}
                      </div>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}

      <Card id="invite" className="max-w-2xl">
        <CardHeader>
          <CardTitle>{t("invite.title")}</CardTitle>
        </CardHeader>
        <CardContent>
          <form action={inviteStaffAction} className="flex flex-col gap-4">
            {errorText && errorForm === "invite" ? <Alert variant="danger">{errorText}</Alert> : null}
            <p className="text-sm text-fg-muted">{t("invite.hint")}</p>
            <TextField
              id="invite-email"
              name="email"
              type="email"
              label={t("invite.email")}
              autoComplete="off"
              maxLength={320}
              required
            />
            <TextField
              id="invite-name"
              name="name"
              label={t("invite.name")}
              autoComplete="off"
              maxLength={100}
              required
            />
            <SelectField
              id="invite-role"
              name="role"
              label={t("invite.role")}
              defaultValue="SUPPORT_AGENT"
              options={roleOptions}
              required
            />
            <SelectField
              id="invite-locale"
              name="locale"
              label={t("invite.locale")}
              defaultValue="en"
              options={[
                { value: "en", label: t("invite.locales.en") },
                { value: "es", label: t("invite.locales.es") },
              ]}
            />
            <Button type="submit" className="self-start">
              {t("invite.submit")}
            </Button>
          </form>
        </CardContent>
      </Card>
    </div>
  );
}
