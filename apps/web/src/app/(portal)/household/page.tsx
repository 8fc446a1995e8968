import { coreContext } from "@homeport/core/context";
import { getHousehold } from "@homeport/core/identity/get-household";
import { listPendingInvites } from "@homeport/core/identity/household";
import { getDb } from "@homeport/core/runtime/db";
import { Badge } from "@homeport/ui/badge";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cancelInviteAction, inviteMemberAction } from "@/actions/household";
import { AccountForm } from "@/components/account-form";
import { dateFormatter } from "@/lib/format";
import { accountFormErrors } from "@/lib/form-errors";
import { requireUser } from "@/lib/session";
import { RemoveMember } from "./remove-member.tsx";

export const metadata = { title: "Household" };

export default async function HouseholdPage() {
  const user = await requireUser("/household");
  if (!user.accountId) redirect("/dashboard");
  const owner = user.membershipRole === "OWNER";
  const [t, household, invites, errors] = await Promise.all([
    getTranslations("household"),
    getHousehold(getDb(), user.accountId),
    owner ? listPendingInvites(coreContext(), user.accountId) : Promise.resolve([]),
    accountFormErrors(),
  ]);
  if (!household) redirect("/dashboard");
  const format = await dateFormatter(household.timeZone);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={owner ? t("ownerDescription") : t("memberDescription")} />
      <Card>
        <CardHeader>
          <CardTitle>{t("members")}</CardTitle>
        </CardHeader>
        <CardContent>
          <ul className="flex flex-col divide-y divide-border">
            {household.memberships.map((m) => (
              <li
                key={m.user.id}
                className="flex flex-wrap items-center justify-between gap-3 py-3 first:pt-0 last:pb-0"
              >
                <div className="flex flex-col">
                  <span className="font-medium">{m.user.name}</span>
                  <span className="text-sm text-fg-muted">{m.user.email}</span>
                </div>
                <div className="flex items-center gap-3">
                  <Badge variant={m.role === "OWNER" ? "info" : "neutral"}>{t(`role.${m.role}`)}</Badge>
                  {owner && m.role === "MEMBER" ? (
                    <RemoveMember
                      userId={m.user.id}
                      labels={{
                        remove: t("remove"),
                        removeLabel: t("removeLabel", { name: m.user.name }),
                        title: t("removeTitle", { name: m.user.name }),
                        body: t("removeBody", { name: m.user.name }),
                        cancel: t("cancel"),
                        done: t("removed"),
                      }}
                    />
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        </CardContent>
      </Card>
      {owner ? (
        <>
          <Card>
            <CardHeader>
              <CardTitle>{t("inviteTitle")}</CardTitle>
              <CardDescription>{t("inviteBody")}</CardDescription>
            </CardHeader>
            <CardContent>
              <AccountForm
                action={inviteMemberAction}
                fields={[{ name: "email", label: t("email"), type: "email", inputMode: "email" }]}
                submitLabel={t("invite")}
                errors={{ ...errors, NOT_ALLOWED: t("full") }}
                done={<p role="status">{t("invited")}</p>}
              />
            </CardContent>
          </Card>
          {invites.length > 0 ? (
            <Card>
              <CardHeader>
                <CardTitle>{t("pending")}</CardTitle>
              </CardHeader>
              <CardContent>
                <ul className="flex flex-col divide-y divide-border">
                  {invites.map((invite) => (
                    <li
                      key={invite.id}
                      className="flex flex-wrap items-center justify-between gap-3 py-3 first:pt-0 last:pb-0"
                    >
                      <div className="flex flex-col">
                        <span className="font-medium">{invite.email}</span>
                        <span className="text-sm text-fg-muted">
                          {t("expires", { when: format.dateTime(invite.expiresAt) })}
                        </span>
                      </div>
                      <form action={cancelInviteAction}>
                        <input type="hidden" name="inviteId" value={invite.id} />
                        <Button
                          type="submit"
                          variant="secondary"
                          size="sm"
                          aria-label={t("cancelInviteLabel", { email: invite.email ?? "" })}
                        >
                          {t("cancelInvite")}
                        </Button>
                      </form>
                    </li>
                  ))}
                </ul>
              </CardContent>
            </Card>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
