import { coreContext } from "@homeport/core/context";
import { HELP_CATEGORIES, type HelpArticle, listHelpArticles } from "@homeport/core/services/help-articles";
import { searchHelpArticles } from "@homeport/core/services/help-search";
import { buttonVariants } from "@homeport/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@homeport/ui/card";
import { EmptyState } from "@homeport/ui/empty-state";
import { Input } from "@homeport/ui/input";
import { PageHeader } from "@homeport/ui/page-header";
import { PhoneCall, Search } from "lucide-react";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { brand, displayPhone } from "@/lib/brand";

export const metadata = { title: "Help center" };

const MAX_QUERY = 200;

export default async function HelpCenterPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string | string[]; category?: string | string[] }>;
}) {
  const params = await searchParams;
  const query = (typeof params.q === "string" ? params.q : "").slice(0, MAX_QUERY).trim();
  const category = HELP_CATEGORIES.find((c) => c === params.category) ?? null;
  const [t, locale, tEmail] = await Promise.all([
    getTranslations("help"),
    getLocale(),
    getTranslations("emailTroubleshoot"),
  ]);
  const ctx = coreContext();
  // Search snippets are shown to everyone alike: the neutral wording, not anyone's address.
  const addressText = tEmail("guideAddressFallback", { domain: ctx.profile.email.domains[0] ?? "" });
  const articles = await listHelpArticles(ctx.db, locale, null, ctx.profile);
  const hits = query ? searchHelpArticles(articles, query, { limit: 20 }) : [];
  const { supportPhone } = brand();

  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-8">
      <PageHeader title={t("title")} description={t("description")} />

      <form method="get" action="/help" role="search" aria-label={t("searchLabel")} className="flex gap-2">
        <label htmlFor="help-q" className="sr-only">
          {t("searchLabel")}
        </label>
        <Input
          id="help-q"
          type="search"
          name="q"
          defaultValue={query}
          maxLength={MAX_QUERY}
          placeholder={t("searchPlaceholder")}
          autoComplete="off"
          className="min-w-0 flex-1"
        />
        <button type="submit" className={buttonVariants({ variant: "primary" })}>
          <Search aria-hidden="true" className="size-4" />
          {t("searchButton")}
        </button>
      </form>

      {query ? (
        <section aria-labelledby="help-results" className="flex flex-col gap-4">
          <h2 id="help-results" className="text-xl font-semibold" aria-live="polite">
            {t("resultsTitle", { count: hits.length, query })}
          </h2>
          {hits.length === 0 ? (
            <EmptyState
              icon={<Search />}
              headingLevel="h3"
              title={t("noResults")}
              description={t("noResultsHint")}
              action={
                <Link href="/help" className={buttonVariants({ variant: "secondary" })}>
                  {t("browseAll")}
                </Link>
              }
            />
          ) : (
            <ol className="flex flex-col gap-3">
              {hits.map(({ article, snippet }) => (
                <li key={article.slug}>
                  <Card>
                    <CardContent className="flex flex-col gap-1 py-4">
                      <p className="text-xs font-medium tracking-wide text-fg-muted uppercase">
                        {t(`categories.${article.category}`)}
                      </p>
                      <h3 className="text-base font-semibold">
                        <Link href={`/help/${article.slug}`} className="text-brand underline-offset-4 hover:underline">
                          {article.title}
                        </Link>
                      </h3>
                      <p className="text-sm break-words text-fg-muted">
                        {snippet.replaceAll("[[emailAddress]]", addressText)}
                      </p>
                    </CardContent>
                  </Card>
                </li>
              ))}
            </ol>
          )}
          <p>
            <Link href="/help" className="text-sm text-brand underline underline-offset-4">
              {t("clearSearch")}
            </Link>
          </p>
        </section>
      ) : category ? (
        <CategoryList
          title={t(`categories.${category}`)}
          articles={articles.filter((a) => a.category === category)}
          backLabel={t("allTopics")}
        />
      ) : (
        <section aria-labelledby="help-topics" className="flex flex-col gap-4">
          <h2 id="help-topics" className="text-xl font-semibold">
            {t("browseTitle")}
          </h2>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 [&>*]:min-w-0">
            {HELP_CATEGORIES.filter((c) => articles.some((a) => a.category === c)).map((c) => (
              <li key={c}>
                <Card className="h-full">
                  <CardHeader>
                    <CardTitle as="h3">
                      <Link href={`/help?category=${c}`} className="underline-offset-4 hover:underline">
                        {t(`categories.${c}`)}
                      </Link>
                    </CardTitle>
                  </CardHeader>
                  <CardContent>
                    <ul className="flex flex-col gap-2 text-sm">
                      {articles
                        .filter((a) => a.category === c)
                        .map((a) => (
                          <li key={a.slug}>
                            <Link href={`/help/${a.slug}`} className="text-brand underline-offset-4 hover:underline">
                              {a.title}
                            </Link>
                          </li>
                        ))}
                    </ul>
                  </CardContent>
                </Card>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="help-contact">
        <Card>
          <CardHeader>
            <CardTitle id="help-contact">{t("contactTitle")}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
            <p className="text-sm text-fg-muted">
              {t.rich("contactBody", {
                phone: () => (
                  <a href={`tel:${supportPhone}`} className="font-semibold text-brand underline underline-offset-4">
                    {displayPhone(supportPhone)}
                  </a>
                ),
              })}
            </p>
            <Link href="/help/callback" className={buttonVariants({ variant: "secondary" })}>
              <PhoneCall aria-hidden="true" className="size-4" />
              {t("requestCallback")}
            </Link>
          </CardContent>
        </Card>
      </section>
    </div>
  );
}

function CategoryList({ title, articles, backLabel }: { title: string; articles: HelpArticle[]; backLabel: string }) {
  return (
    <section aria-labelledby="help-category" className="flex flex-col gap-4">
      <h2 id="help-category" className="text-xl font-semibold">
        {title}
      </h2>
      <ul className="flex flex-col gap-3">
        {articles.map((article) => (
          <li key={article.slug}>
            <Card>
              <CardContent className="flex flex-col gap-1 py-4">
                <h3 className="text-base font-semibold">
                  <Link href={`/help/${article.slug}`} className="text-brand underline-offset-4 hover:underline">
                    {article.title}
                  </Link>
                </h3>
                <p className="text-sm text-fg-muted">{article.summary}</p>
              </CardContent>
            </Card>
          </li>
        ))}
      </ul>
      <p>
        <Link href="/help" className="text-sm text-brand underline underline-offset-4">
          {backLabel}
        </Link>
      </p>
    </section>
  );
}
