"use client";

import { Button } from "@homeport/ui/button";
import { CheckboxField } from "@homeport/ui/checkbox";
import { SelectField } from "@homeport/ui/select";
import Link from "next/link";
import { useActionState } from "react";
import { type DvrFormState, updateRuleAction } from "@/actions/dvr";
import { FormError } from "@/components/form-error";

export interface RuleFormValues {
  ruleId: string;
  kind: "SINGLE" | "SERIES";
  profileId: string;
  anyChannel: boolean;
  newOnly: boolean;
  keepLatest: number | null;
  keep: "SPACE_NEEDED" | "UNTIL_DELETED";
  paddingBeforeMin: number;
  paddingAfterMin: number;
}

const KEEP_LATEST = [1, 2, 3, 4, 5, 7, 10, 15, 20, 25, 30, 40, 50];
const PADDING = [0, 1, 2, 3, 5, 10, 15, 20, 30];

/** The series manager's edit form: every option of a rule. */
export function RuleForm({
  values,
  profiles,
  labels,
  errors,
}: {
  values: RuleFormValues;
  profiles: { id: string; name: string }[];
  labels: {
    profile: string;
    anyChannel: string;
    anyChannelHint: string;
    newOnly: string;
    keepLatest: string;
    keepAll: string;
    keepLatestOption: string[];
    keep: string;
    keepSpaceNeeded: string;
    keepUntilDeleted: string;
    paddingBefore: string;
    paddingAfter: string;
    minutes: string[];
    save: string;
    cancel: string;
  };
  errors: Record<string, string>;
}) {
  const [state, action, pending] = useActionState<DvrFormState, FormData>(updateRuleAction, { status: "idle" });
  const series = values.kind === "SERIES";
  const keepLatestOptions = [...new Set([...KEEP_LATEST, ...(values.keepLatest ? [values.keepLatest] : [])])].sort(
    (a, b) => a - b,
  );
  const paddingOptions = (current: number) => [...new Set([...PADDING, current])].sort((a, b) => a - b);
  const minutes = (n: number) => labels.minutes[PADDING.indexOf(n)] ?? String(n);
  return (
    <form action={action} className="flex max-w-xl flex-col gap-5">
      <FormError
        message={state.status === "error" ? (errors[state.error ?? ""] ?? errors.generic) : null}
        answer={state}
      />
      <input type="hidden" name="ruleId" value={values.ruleId} />
      <SelectField
        name="profileId"
        label={labels.profile}
        defaultValue={values.profileId}
        options={profiles.map((p) => ({ value: p.id, label: p.name }))}
      />
      {series ? (
        <>
          <CheckboxField
            name="anyChannel"
            label={labels.anyChannel}
            description={labels.anyChannelHint}
            defaultChecked={values.anyChannel}
          />
          <CheckboxField name="newOnly" label={labels.newOnly} defaultChecked={values.newOnly} />
          <SelectField
            name="keepLatest"
            label={labels.keepLatest}
            defaultValue={values.keepLatest === null ? "all" : String(values.keepLatest)}
            options={[
              { value: "all", label: labels.keepAll },
              ...keepLatestOptions.map((n) => ({
                value: String(n),
                label: labels.keepLatestOption[KEEP_LATEST.indexOf(n)] ?? String(n),
              })),
            ]}
          />
        </>
      ) : null}
      <SelectField
        name="keep"
        label={labels.keep}
        defaultValue={values.keep}
        options={[
          { value: "SPACE_NEEDED", label: labels.keepSpaceNeeded },
          { value: "UNTIL_DELETED", label: labels.keepUntilDeleted },
        ]}
      />
      <div className="grid gap-4 sm:grid-cols-2 [&>*]:min-w-0">
        <SelectField
          name="paddingBeforeMin"
          label={labels.paddingBefore}
          defaultValue={String(values.paddingBeforeMin)}
          options={paddingOptions(values.paddingBeforeMin).map((n) => ({ value: String(n), label: minutes(n) }))}
        />
        <SelectField
          name="paddingAfterMin"
          label={labels.paddingAfter}
          defaultValue={String(values.paddingAfterMin)}
          options={paddingOptions(values.paddingAfterMin).map((n) => ({ value: String(n), label: minutes(n) }))}
        />
      </div>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" loading={pending}>
          {labels.save}
        </Button>
        <Button asChild variant="secondary">
          <Link href="/tv/series">{labels.cancel}</Link>
        </Button>
      </div>
    </form>
  );
}
