import { Card, CardContent } from "@homeport/ui/card";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PublicFormPage } from "@/components/public-form-page";
import { accountFormErrors } from "@/lib/form-errors";
import { RegistrationFlow } from "./registration-flow.tsx";

export const metadata = { title: "Create your online account" };

export default async function RegisterPage() {
  const [t, errors] = await Promise.all([getTranslations("register"), accountFormErrors()]);
  return (
    <PublicFormPage title={t("title")} description={t("description")}>
      <Card>
        <CardContent>
          <RegistrationFlow
            errors={errors}
            text={{
              step1Title: t("step1Title"),
              step1Body: t("step1Body"),
              accountNumber: t("accountNumber"),
              accountNumberHint: t("accountNumberHint"),
              zip: t("zip"),
              sendTo: t("sendTo"),
              bySms: t("bySms"),
              byEmail: t("byEmail"),
              sendCode: t("sendCode"),
              step2Title: t("step2Title"),
              sentTo: {
                SMS: t("sentToSms", { destination: "{destination}" }),
                EMAIL: t("sentToEmail", { destination: "{destination}" }),
              },
              code: t("code"),
              codeHint: t("codeHint"),
              verify: t("verify"),
              step3Title: t("step3Title"),
              step3Body: t("step3Body"),
              name: t("name"),
              email: t("email"),
              password: t("password"),
              passwordHint: t("passwordHint", { min: 8 }),
              confirm: t("confirm"),
              create: t("create"),
              stepOf: [1, 2, 3].map((step) => t("stepOf", { step, total: 3 })),
            }}
          />
        </CardContent>
      </Card>
      <p className="text-sm text-fg-muted">
        {t("haveLogin")}{" "}
        <Link href="/login" className="text-brand underline underline-offset-4">
          {t("signIn")}
        </Link>
      </p>
    </PublicFormPage>
  );
}
