import { coreContext } from "@homeport/core/context";
import { Breadcrumbs } from "@homeport/ui/breadcrumbs";
import { Card, CardContent, CardHeader, CardTitle } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { brand } from "@/lib/brand";
import { requireUser } from "@/lib/session";
import { TroubleshootForm } from "./troubleshoot-form.tsx";

export const metadata = { title: "Check your email settings" };

const LINK = "text-brand underline underline-offset-4";

export default async function EmailTroubleshootPage() {
  const user = await requireUser("/email/troubleshoot");
  const [t, locale, messages] = await Promise.all([getTranslations("emailTroubleshoot"), getLocale(), getMessages()]);
  const ctx = coreContext();
  // The account holder may check any of the household's mailboxes; a member only their own.
  const mailboxes = user.accountId
    ? await ctx.db.mailbox.findMany({
        where: { accountId: user.accountId, ...(user.membershipRole === "OWNER" ? {} : { userId: user.id }) },
        select: { id: true, address: true },
        orderBy: [{ primary: "desc" }, { createdAt: "asc" }],
      })
    : [];
  const email = ctx.profile.email;

  return (
    <NextIntlClientProvider
      locale={locale}
      timeZone={user.timeZone ?? brand().timeZone}
      messages={{ emailTroubleshoot: (messages as { emailTroubleshoot: Record<string, unknown> }).emailTroubleshoot }}
    >
      <div className="flex flex-col gap-6">
        <PageHeader
          title={t("title")}
          description={t("description")}
          breadcrumbs={
            <Breadcrumbs
              label={t("breadcrumbs")}
              LinkComponent={Link}
              items={[{ label: t("emailArea"), href: "/email" }, { label: t("title") }]}
            />
          }
        />
        <TroubleshootForm
          mailboxes={mailboxes}
          brand={email.displayShortName}
          domain={email.domains[0] ?? ""}
          exampleHost={email.incoming.imap.hostname}
        />
        <Card>
          <CardHeader>
            <CardTitle>{t("moreHelp.title")}</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="flex flex-col gap-2">
              <li>
                <Link href="/help/email-server-settings" className={LINK}>
                  {t("moreHelp.settings")}
                </Link>
              </li>
              <li>
                <Link href="/help?category=email" className={LINK}>
                  {t("moreHelp.guides")}
                </Link>
              </li>
              <li>
                <Link href="/help/email-troubleshooting" className={LINK}>
                  {t("moreHelp.troubleshooting")}
                </Link>
              </li>
            </ul>
          </CardContent>
        </Card>
      </div>
    </NextIntlClientProvider>
  );
}
