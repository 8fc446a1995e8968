import { coreContext } from "@homeport/core/context";
import { listMailboxes } from "@homeport/core/email/mailboxes";
import { LOCAL_PART_MAX, LOCAL_PART_MIN } from "@homeport/core/email/address-rules";
import { Alert } from "@homeport/ui/alert";
import { Card, CardContent } from "@homeport/ui/card";
import { Input } from "@homeport/ui/input";
import { PageHeader } from "@homeport/ui/page-header";
import { NativeSelect } from "@homeport/ui/select";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { createMailboxAction } from "@/actions/email";
import { requireUser } from "@/lib/session";
import { ActionForm } from "../../action-form.tsx";
import { addressErrors } from "../../email-errors.ts";

export const metadata = { title: "New mailbox" };

export default async function NewMailboxPage() {
  const user = await requireUser("/email/mailboxes/new");
  if (!user.accountId) redirect("/email");
  const ctx = coreContext();
  const [t, list, members] = await Promise.all([
    getTranslations("email"),
    listMailboxes(ctx, user),
    ctx.db.membership.findMany({
      where: { accountId: user.accountId },
      select: { userId: true, user: { select: { name: true } } },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <Link href="/email" className="text-sm text-brand underline underline-offset-4">
        {t("back")}
      </Link>
      <PageHeader title={t("new.title")} description={t("new.description")} />
      {!list.canCreate ? (
        <Alert variant="warning">
          {user.membershipRole === "OWNER"
            ? t("errors.codes.MAILBOX_LIMIT", { limit: list.limits.mailboxesPerAccount })
            : t("errors.codes.NOT_ALLOWED")}
        </Alert>
      ) : (
        <Card>
          <CardContent>
            <ActionForm
              action={createMailboxAction}
              hidden={{}}
              labels={{ submit: t("new.submit"), errors: await addressErrors() }}
            >
              <fieldset className="flex flex-col gap-2">
                <legend className="mb-1 text-sm font-medium">{t("new.address")}</legend>
                <div className="flex flex-wrap items-center gap-2">
                  <label className="sr-only" htmlFor="localPart">
                    {t("new.localPart")}
                  </label>
                  <Input
                    id="localPart"
                    name="localPart"
                    required
                    minLength={LOCAL_PART_MIN}
                    maxLength={LOCAL_PART_MAX}
                    autoComplete="off"
                    spellCheck={false}
                    className="w-48"
                    aria-describedby="localPart-hint"
                  />
                  <span aria-hidden="true">@</span>
                  <label className="sr-only" htmlFor="domain">
                    {t("new.domain")}
                  </label>
                  <NativeSelect id="domain" name="domain" className="w-44">
                    {list.domains.map((domain) => (
                      <option key={domain} value={domain}>
                        {domain}
                      </option>
                    ))}
                  </NativeSelect>
                </div>
                <p id="localPart-hint" className="text-sm text-fg-muted">
                  {t("new.rules", { min: LOCAL_PART_MIN, max: LOCAL_PART_MAX })}
                </p>
              </fieldset>
              <label className="flex flex-col gap-1 text-sm font-medium">
                {t("new.displayName")}
                <Input name="displayName" required maxLength={80} autoComplete="off" />
              </label>
              <label className="flex flex-col gap-1 text-sm font-medium">
                {t("new.member")}
                <NativeSelect name="userId" defaultValue="">
                  <option value="">{t("new.noMember")}</option>
                  {members.map((m) => (
                    <option key={m.userId} value={m.userId}>
                      {m.user.name}
                    </option>
                  ))}
                </NativeSelect>
              </label>
              <label className="flex flex-col gap-1 text-sm font-medium">
                {t("new.password")}
                <Input name="password" type="password" required minLength={8} autoComplete="new-password" />
                <span className="font-normal text-fg-muted">{t("new.passwordHint")}</span>
              </label>
            </ActionForm>
          </CardContent>
        </Card>
      )}
    </div>
  );
}
