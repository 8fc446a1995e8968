import { inspectStaffInvite } from "@homeport/core/admin/staff";
import { coreContext } from "@homeport/core/context";
import { minimumPasswordLength } from "@homeport/core/identity/password-policy";
import { Alert } from "@homeport/ui/alert";
import { Button, buttonVariants } from "@homeport/ui/button";
import { Card, CardContent } from "@homeport/ui/card";
import { TextField } from "@homeport/ui/input";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { acceptStaffInviteAction } from "@/actions/admin-staff";
import { PublicFormPage } from "@/components/public-form-page";

// The link's token is in the address: keep it out of the Referer of anything this page loads.
export const metadata = { title: "Set up your staff sign-in", referrer: "no-referrer" };

const ERRORS = ["MISMATCH", "too_short", "too_long", "common", "matches_email", "matches_context", "generic"];

/**
 * Where a staff invitation link lands: the invitee chooses their first password with a plain form
 * post, then signs in (and is sent to set up two-step sign-in, like all staff).
 */
export default async function StaffInvitePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const query = await searchParams;
  const t = await getTranslations("adminStaff.invitePage");
  const min = minimumPasswordLength("staff");

  if (query.done) {
    return (
      <PublicFormPage title={t("doneTitle")}>
        <Alert variant="success">{t("doneBody")}</Alert>
        <Link href="/login" className={buttonVariants({ variant: "primary", className: "self-start" })}>
          {t("signIn")}
        </Link>
      </PublicFormPage>
    );
  }

  const token = query.token ?? "";
  const invite = /^[A-Za-z0-9_-]{20,200}$/.test(token) ? await inspectStaffInvite(coreContext(), token) : null;
  if (!invite) {
    return (
      <PublicFormPage title={t("title")}>
        <Alert variant="warning" title={t("invalidTitle")}>
          {t("invalidBody")}
        </Alert>
      </PublicFormPage>
    );
  }

  const error = ERRORS.find((code) => code === query.error);
  return (
    <PublicFormPage title={t("title")}>
      <Card>
        <CardContent className="flex flex-col gap-4">
          <p>{t("body", { email: invite.email, min })}</p>
          <form action={acceptStaffInviteAction} className="flex flex-col gap-4">
            {error ? <Alert variant="danger">{t(`errors.${error}`, { min })}</Alert> : null}
            <input type="hidden" name="token" value={token} />
            {/* Lets a password manager file the new password under the right sign-in. */}
            <input type="email" name="username" value={invite.email} autoComplete="username" readOnly hidden />
            <TextField
              id="staff-invite-password"
              name="password"
              type="password"
              label={t("password")}
              hint={t("passwordHint", { min })}
              autoComplete="new-password"
              minLength={min}
              maxLength={256}
              required
            />
            <TextField
              id="staff-invite-confirmation"
              name="confirmation"
              type="password"
              label={t("confirmation")}
              autoComplete="new-password"
              minLength={min}
              maxLength={256}
              required
            />
            <Button type="submit" className="self-start">
              {t("submit")}
            </Button>
          </form>
        </CardContent>
      </Card>
    </PublicFormPage>
  );
}
