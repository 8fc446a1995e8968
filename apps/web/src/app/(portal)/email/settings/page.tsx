import { coreContext } from "@homeport/core/context";
import type { ProviderProfile } from "@homeport/core/provider/profile";
import { Alert } from "@homeport/ui/alert";
import { Badge } from "@homeport/ui/badge";
import { buttonVariants } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@homeport/ui/table";
import { Download } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/session";

export const metadata = { title: "Email server settings" };

type MailServer = ProviderProfile["email"]["incoming"]["imap"];

/** Help-center articles, in the order the page lists them. */
const GUIDES = [
  { slug: "email-setup-outlook", key: "outlook" },
  { slug: "email-setup-apple-mail", key: "appleMail" },
  { slug: "email-setup-iphone-ipad", key: "iphone" },
  { slug: "email-setup-android", key: "android" },
  { slug: "email-setup-thunderbird", key: "thunderbird" },
  { slug: "email-webmail", key: "webmail" },
] as const;

const linkClass = "font-medium text-brand underline underline-offset-4";

export default async function EmailSettingsPage() {
  const user = await requireUser("/email/settings");
  const t = await getTranslations("emailSettings");
  const { email } = coreContext().profile;

  // Whose address fills the username column: the mailbox this user reads, else (for the account
  // holder) the primary address unless it is assigned to someone else; a member without a mailbox
  // sees the format instead.
  const candidates = user.accountId
    ? await coreContext().db.mailbox.findMany({
        where: { accountId: user.accountId, OR: [{ userId: user.id }, { primary: true }] },
        orderBy: { createdAt: "asc" },
        select: { id: true, address: true, userId: true, primary: true },
      })
    : [];
  const own =
    candidates.find((m) => m.userId === user.id) ??
    (user.membershipRole === "OWNER" ? candidates.find((m) => m.primary && m.userId === null) : undefined) ??
    null;
  const exampleDomain = email.domains[0] ?? "";

  const username = (server: MailServer) => {
    if (own) return server.username === "EMAIL_ADDRESS" ? own.address : own.address.split("@")[0];
    return t("usernameFormat", { format: server.username, domain: exampleDomain });
  };

  const rows = [
    { protocol: "imap", server: email.incoming.imap },
    { protocol: "pop3", server: email.incoming.pop3 },
    { protocol: "smtp", server: email.outgoing.smtp },
  ] as const;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description", { provider: email.displayName })} />

      <section aria-labelledby="server-settings" className="flex flex-col gap-3">
        <h2 id="server-settings" className="text-lg font-semibold">
          {t("table.heading")}
        </h2>
        <Table regionLabel={t("table.caption")}>
          <TableCaption visuallyHidden>{t("table.caption")}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>{t("table.server")}</TableHead>
              <TableHead>{t("table.host")}</TableHead>
              <TableHead>{t("table.port")}</TableHead>
              <TableHead>{t("table.security")}</TableHead>
              <TableHead>{t("table.username")}</TableHead>
              <TableHead>{t("table.authentication")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map(({ protocol, server }) => (
              <TableRow key={protocol}>
                <TableHead scope="row">
                  <span className="flex flex-wrap items-center gap-2">
                    {t("table.protocol", { protocol })}
                    {protocol === "imap" ? <Badge variant="success">{t("table.recommended")}</Badge> : null}
                  </span>
                </TableHead>
                <TableCell className="font-mono">{server.hostname}</TableCell>
                <TableCell className="tabular-nums">{server.port}</TableCell>
                <TableCell>{t("table.socket", { socket: server.socket })}</TableCell>
                <TableCell className="break-all whitespace-normal">{username(server)}</TableCell>
                <TableCell className="whitespace-normal">
                  {t("table.auth", { auth: server.authentication.replace(/-/g, "_") })}
                  {protocol === "smtp" ? (
                    <span className="block text-xs text-fg-muted">{t("table.authRequired")}</span>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <ul className="flex list-disc flex-col gap-1 ps-5 text-sm text-fg-muted">
          <li>{t("notes.password")}</li>
          {email.outgoing.smtp.socket === "SSL" ? (
            <li>{t("notes.smtpImplicitTls", { port: email.outgoing.smtp.port })}</li>
          ) : null}
          {email.legacyHostnames.length > 0 ? (
            <li>
              {t("notes.legacy", {
                legacy: email.legacyHostnames.map((h) => h.hostname).join(", "),
                current: email.incoming.imap.hostname,
              })}
            </li>
          ) : null}
        </ul>
      </section>

      <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <Card>
          <CardHeader>
            <CardTitle>{t("imapOrPop.title")}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-3 text-sm">
            <p>{t("imapOrPop.imap")}</p>
            <p>{t("imapOrPop.pop")}</p>
            <Alert variant="info" title={t("imapOrPop.recommendTitle")}>
              {t("imapOrPop.recommend")}
            </Alert>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>{t("download.title")}</CardTitle>
            <CardDescription>{t("download.description")}</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-2 text-sm">
            {own ? (
              <>
                <p>{t("download.forAddress", { address: own.address })}</p>
                <p className="text-fg-muted">{t("download.noPassword")}</p>
              </>
            ) : (
              <p>
                {t("download.noMailbox")}{" "}
                <Link href="/email" className={linkClass}>
                  {t("download.manageMailboxes")}
                </Link>
              </p>
            )}
          </CardContent>
          {own ? (
            <CardFooter>
              {/* A file, not a page: a plain link, so Safari offers to install the profile. */}
              <a
                href={`/email/settings/profile.mobileconfig?mailbox=${encodeURIComponent(own.id)}`}
                className={buttonVariants({
                  variant: "primary",
                  className: "h-auto min-h-11 max-w-full py-2 whitespace-normal",
                })}
              >
                <Download aria-hidden="true" className="size-4" />
                {t("download.button")}
              </a>
            </CardFooter>
          ) : null}
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>{t("guides.title")}</CardTitle>
            <CardDescription>{t("guides.description")}</CardDescription>
          </CardHeader>
          <CardContent>
            <ul className="flex flex-col gap-2 text-sm">
              {GUIDES.map((guide) => (
                <li key={guide.slug}>
                  <Link href={`/help/${guide.slug}`} className={linkClass}>
                    {t(`guides.${guide.key}`)}
                  </Link>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>{t("troubleshoot.title")}</CardTitle>
            <CardDescription>{t("troubleshoot.description")}</CardDescription>
          </CardHeader>
          <CardFooter>
            <Link href="/email/troubleshoot" className={buttonVariants({ variant: "secondary" })}>
              {t("troubleshoot.action")}
            </Link>
          </CardFooter>
        </Card>
      </div>
    </div>
  );
}
