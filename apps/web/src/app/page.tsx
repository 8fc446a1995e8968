import { buttonVariants } from "@homeport/ui/button";
import { Gauge, Lock, Mail, Receipt, Shield, Tv } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PublicPage } from "@/components/public-page";
import { brand, displayPhone } from "@/lib/brand";

const FEATURES = [
  { key: "billing", icon: Receipt },
  { key: "usage", icon: Gauge },
  { key: "tv", icon: Tv },
  { key: "email", icon: Mail },
  { key: "privacy", icon: Lock },
  { key: "security", icon: Shield },
] as const;

export default async function LandingPage() {
  const t = await getTranslations("landing");
  const { name, supportPhone } = brand();
  return (
    <PublicPage
      actions={
        <Link
          href="/login"
          className={buttonVariants({ variant: "primary", size: "sm", className: "hidden sm:inline-flex" })}
        >
          {t("signIn")}
        </Link>
      }
    >
      <section className="bg-surface">
        <div className="mx-auto grid w-full max-w-6xl gap-6 px-4 py-12 sm:px-6 sm:py-20">
          <p className="text-sm font-semibold tracking-wide text-brand uppercase">{t("eyebrow", { brand: name })}</p>
          <h1 className="max-w-3xl text-3xl font-bold tracking-tight text-balance sm:text-5xl">{t("title")}</h1>
          <p className="max-w-2xl text-lg text-fg-muted">{t("body")}</p>
          <div className="flex flex-wrap items-center gap-4">
            <Link href="/login" className={buttonVariants({ variant: "primary", size: "lg" })}>
              {t("signIn")}
            </Link>
            <a href={`tel:${supportPhone}`} className="text-sm text-fg-muted underline underline-offset-4">
              {t("help", { phone: displayPhone(supportPhone) })}
            </a>
          </div>
        </div>
      </section>
      <section aria-labelledby="features-title" className="mx-auto w-full max-w-6xl px-4 py-12 sm:px-6">
        <h2 id="features-title" className="mb-6 text-xl font-semibold">
          {t("features.title")}
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {FEATURES.map(({ key, icon: Icon }) => (
            <li key={key} className="flex gap-3 rounded-lg border border-border bg-surface p-4">
              <Icon aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-brand" />
              <p>{t(`features.${key}`)}</p>
            </li>
          ))}
        </ul>
      </section>
    </PublicPage>
  );
}
