import { LOCK_REASONS } from "@homeport/core/admin/account-actions";
import { getTranslations } from "next-intl/server";
import { brand, displayPhone } from "@/lib/brand";
import type { LoginFormProps } from "./login-form.tsx";

const ERROR_KEYS = [
  "email_required",
  "email_invalid",
  "password_required",
  "password_too_long",
  "code_required",
  "INVALID_CREDENTIALS",
  "INVALID_CODE",
  "THROTTLED",
  "ACCOUNT_DISABLED",
  "generic",
] as const;

/** The sign-in form's text, for the sign-in page and the step-up page. */
export async function loginFormText(): Promise<Pick<LoginFormProps, "labels" | "errors">> {
  const t = await getTranslations("login");
  const phone = displayPhone(brand().supportPhone);
  return {
    labels: {
      email: t("email"),
      password: t("password"),
      submit: t("submit"),
      submitting: t("submitting"),
      code: t("code"),
      codeHint: t("codeHint"),
      useRecoveryCode: t("useRecoveryCode"),
      useAppCode: t("useAppCode"),
      recoveryCode: t("recoveryCode"),
      recoveryHint: t("recoveryHint"),
      secondStepTitle: t("secondStepTitle"),
      secondStepBody: t("secondStepBody"),
      verify: t("verify"),
    },
    errors: {
      ...Object.fromEntries(ERROR_KEYS.map((key) => [key, t(`errors.${key}`, { phone })])),
      // Sign-in answers "ACCOUNT_LOCKED:<reason>" for an account staff locked; each reason has its words.
      ACCOUNT_LOCKED: t("errors.ACCOUNT_LOCKED", { phone, reason: "other" }),
      ...Object.fromEntries(
        LOCK_REASONS.map((reason) => [`ACCOUNT_LOCKED:${reason}`, t("errors.ACCOUNT_LOCKED", { phone, reason })]),
      ),
    },
  };
}
