import { coreContext } from "@homeport/core/context";
import { getHelpArticle, listHelpArticles } from "@homeport/core/services/help-articles";
import { buttonVariants } from "@homeport/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import { PhoneCall } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { brand, displayPhone } from "@/lib/brand";
import { currentUser } from "@/lib/session";
import { escapeHtml, renderHelpMarkdown } from "../render-markdown.ts";

type Params = Promise<{ slug: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { slug } = await params;
  const ctx = coreContext();
  const article = await getHelpArticle(ctx.db, slug, await getLocale(), ctx.profile);
  return article ? { title: article.title, description: article.summary } : {};
}

/** Typography for rendered Markdown, without a plugin: headings, lists, code, tables, links. */
const ARTICLE_CLASSES = [
  "flex flex-col gap-4 text-base leading-7 break-words",
  "[&_h2]:mt-4 [&_h2]:text-xl [&_h2]:font-semibold [&_h3]:mt-2 [&_h3]:text-lg [&_h3]:font-semibold",
  "[&_ul]:list-disc [&_ol]:list-decimal [&_ul]:ps-6 [&_ol]:ps-6 [&_li]:my-1 [&_li>ul]:mt-1",
  "[&_a]:text-brand [&_a]:underline [&_a]:underline-offset-4",
  "[&_code]:rounded [&_code]:bg-fg/8 [&_code]:px-1.5 [&_code]:py-0.5 [&_code]:font-mono [&_code]:text-[0.9em]",
  "[&_pre]:overflow-x-auto [&_pre]:rounded-lg [&_pre]:bg-fg/8 [&_pre]:p-4 [&_pre_code]:bg-transparent [&_pre_code]:p-0",
  "[&_.help-table]:overflow-x-auto [&_.help-table]:rounded-lg [&_.help-table]:border [&_.help-table]:border-border",
  "[&_table]:w-full [&_table]:border-collapse [&_table]:text-sm",
  "[&_th]:bg-surface-muted [&_th]:px-3 [&_th]:py-2 [&_th]:text-start [&_th]:font-semibold",
  "[&_td]:border-t [&_td]:border-border [&_td]:px-3 [&_td]:py-2 [&_td]:align-top",
  "[&_blockquote]:border-s-4 [&_blockquote]:border-border [&_blockquote]:ps-4 [&_blockquote]:text-fg-muted",
].join(" ");

/**
 * Where a guide says to type the reader's own address. Filled here, per reader, after the Markdown
 * is rendered (so it is escaped once, as HTML), and never stored with the article.
 */
const EMAIL_ADDRESS = "[[emailAddress]]";

/** The reader's own mailbox: the account's primary for the account holder, their own for a member. */
async function readerMailbox(db: ReturnType<typeof coreContext>["db"]): Promise<string | null> {
  const user = await currentUser();
  if (!user?.accountId) return null;
  const owner = user.membershipRole === "OWNER";
  const rows = await db.mailbox.findMany({
    where: { accountId: user.accountId, OR: [{ userId: user.id }, ...(owner ? [{ primary: true }] : [])] },
    select: { address: true, primary: true, userId: true },
    orderBy: [{ primary: "desc" }, { createdAt: "asc" }],
  });
  return (
    ((owner ? rows.find((row) => row.primary) : undefined) ?? rows.find((row) => row.userId === user.id))?.address ??
    null
  );
}

async function articleHtml(
  markdown: string,
  db: ReturnType<typeof coreContext>["db"],
  domain: string,
): Promise<string> {
  const html = renderHelpMarkdown(markdown);
  if (!html.includes(EMAIL_ADDRESS)) return html;
  const address = await readerMailbox(db);
  const filled = address
    ? `<strong>${escapeHtml(address)}</strong>`
    : escapeHtml((await getTranslations("emailTroubleshoot"))("guideAddressFallback", { domain }));
  return html.replaceAll(EMAIL_ADDRESS, filled);
}

export default async function HelpArticlePage({ params }: { params: Params }) {
  const { slug } = await params;
  const [t, locale] = await Promise.all([getTranslations("help"), getLocale()]);
  const ctx = coreContext();
  const article = await getHelpArticle(ctx.db, slug, locale, ctx.profile);
  if (!article) notFound();
  const related = (await listHelpArticles(ctx.db, locale, article.category, ctx.profile)).filter(
    (other) => other.slug !== article.slug,
  );
  const { supportPhone } = brand();
  const html = await articleHtml(article.body, ctx.db, ctx.profile.email.domains[0] ?? "");

  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-6">
      <nav aria-label={t("breadcrumbs")} className="text-sm">
        <ol className="flex flex-wrap items-center gap-1 text-fg-muted">
          <li>
            <Link href="/help" className="text-brand underline-offset-4 hover:underline">
              {t("title")}
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li>
            <Link href={`/help?category=${article.category}`} className="text-brand underline-offset-4 hover:underline">
              {t(`categories.${article.category}`)}
            </Link>
          </li>
        </ol>
      </nav>
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_18rem] [&>*]:min-w-0">
        <article className="flex flex-col">
          <PageHeader title={article.title} description={article.summary} />
          <div className={ARTICLE_CLASSES} dangerouslySetInnerHTML={{ __html: html }} />
        </article>
        <aside className="flex flex-col gap-4" aria-label={t("asideLabel")}>
          {related.length > 0 ? (
            <Card>
              <CardHeader>
                <CardTitle>{t("related")}</CardTitle>
              </CardHeader>
              <CardContent>
                <ul className="flex flex-col gap-2 text-sm">
                  {related.map((other) => (
                    <li key={other.slug}>
                      <Link href={`/help/${other.slug}`} className="text-brand underline-offset-4 hover:underline">
                        {other.title}
                      </Link>
                    </li>
                  ))}
                </ul>
              </CardContent>
            </Card>
          ) : null}
          <Card>
            <CardHeader>
              <CardTitle>{t("contactTitle")}</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-3 text-sm">
              <p className="text-fg-muted">
                {t.rich("contactBody", {
                  phone: () => (
                    <a href={`tel:${supportPhone}`} className="font-semibold text-brand underline underline-offset-4">
                      {displayPhone(supportPhone)}
                    </a>
                  ),
                })}
              </p>
              <Link href="/help/callback" className={buttonVariants({ variant: "secondary", className: "self-start" })}>
                <PhoneCall aria-hidden="true" className="size-4" />
                {t("requestCallback")}
              </Link>
            </CardContent>
          </Card>
        </aside>
      </div>
    </div>
  );
}
