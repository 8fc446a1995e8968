import { coreContext } from "@homeport/core/context";
import { listRecordingRules } from "@homeport/core/dvr/recording-rules";
import { ZId } from "@homeport/core/ids";
import { PageHeader } from "@homeport/ui/page-header";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/session";
import { dvrErrorMessages } from "../../upcoming/dvr-format.ts";
import { RuleForm } from "./rule-form.tsx";

export const metadata = { title: "Edit recording" };

const KEEP_LATEST = [1, 2, 3, 4, 5, 7, 10, 15, 20, 25, 30, 40, 50];
const PADDING = [0, 1, 2, 3, 5, 10, 15, 20, 30];

export default async function EditRulePage({ params }: { params: Promise<{ ruleId: string }> }) {
  const { ruleId } = await params;
  const user = await requireUser(`/tv/series/${encodeURIComponent(ruleId)}`);
  if (!user.accountId || !ZId.safeParse(ruleId).success) notFound();
  const { rules, profiles } = await listRecordingRules(coreContext().db, user.accountId);
  const rule = rules.find((r) => r.id === ruleId);
  if (!rule) notFound();
  const [t, d, errors] = await Promise.all([getTranslations("tv.series"), getTranslations("dvr"), dvrErrorMessages()]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("editTitle", { title: rule.title })} description={d(`kind.${rule.kind}`)} />
      <RuleForm
        values={{
          ruleId: rule.id,
          kind: rule.kind,
          profileId: rule.profileId,
          anyChannel: rule.channelId === null,
          newOnly: rule.newOnly,
          keepLatest: rule.keepLatest,
          keep: rule.keep,
          paddingBeforeMin: rule.paddingBeforeMin,
          paddingAfterMin: rule.paddingAfterMin,
        }}
        profiles={profiles}
        errors={errors}
        labels={{
          profile: t("form.profile"),
          anyChannel: t("form.anyChannel"),
          anyChannelHint: t("form.anyChannelHint"),
          newOnly: t("form.newOnly"),
          keepLatest: t("form.keepLatest"),
          keepAll: t("form.keepAll"),
          keepLatestOption: KEEP_LATEST.map((count) => t("form.keepLatestOption", { count })),
          keep: t("form.keep"),
          keepSpaceNeeded: d("keep.SPACE_NEEDED"),
          keepUntilDeleted: d("keep.UNTIL_DELETED"),
          paddingBefore: t("form.paddingBefore"),
          paddingAfter: t("form.paddingAfter"),
          minutes: PADDING.map((minutes) => t("form.minutes", { minutes })),
          save: t("form.save"),
          cancel: t("cancel"),
        }}
      />
    </div>
  );
}
