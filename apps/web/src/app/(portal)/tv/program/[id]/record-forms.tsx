"use client";

import { Button } from "@homeport/ui/button";
import { TextField } from "@homeport/ui/input";
import { RadioGroup } from "@homeport/ui/radio-group";
import { SelectField } from "@homeport/ui/select";
import { useActionState } from "react";
import { type GuideFormState, recordAiringAction, recordSeriesAction } from "@/actions/guide";
import { FormError } from "@/components/form-error";

const PADDING = [0, 1, 2, 3, 5, 10, 15, 20, 30];
const KEEP_LATEST = [1, 2, 3, 5, 10, 20];

export function RecordAiringForm({
  programId,
  label,
  errors,
}: {
  programId: string;
  label: string;
  errors: Record<string, string>;
}) {
  const [state, action, pending] = useActionState<GuideFormState, FormData>(recordAiringAction, { status: "idle" });
  const message = state.error ? (errors[state.error] ?? errors.generic) : null;
  return (
    <form action={action} className="flex flex-col gap-3">
      <FormError message={message} answer={state} />
      <input type="hidden" name="programId" value={programId} />
      <Button type="submit" loading={pending} className="self-start">
        {label}
      </Button>
    </form>
  );
}

export interface SeriesFormLabels {
  episodes: string;
  episodesNew: string;
  episodesAll: string;
  channel: string;
  channelThis: string;
  channelAny: string;
  keepLatest: string;
  keepAll: string;
  /** Indexed by count. */
  keepLatestOptions: Record<number, string>;
  keep: string;
  keepSpace: string;
  keepSpaceHint: string;
  keepDeleted: string;
  keepDeletedHint: string;
  paddingBefore: string;
  paddingAfter: string;
  /** Indexed by minutes. */
  minutes: Record<number, string>;
  priority: string;
  priorityHint: string;
  profile: string;
  submit: string;
}

export function RecordSeriesForm({
  programId,
  profiles,
  defaultProfileId,
  labels,
  errors,
}: {
  programId: string;
  profiles: { id: string; name: string }[];
  defaultProfileId: string | undefined;
  labels: SeriesFormLabels;
  errors: Record<string, string>;
}) {
  const [state, action, pending] = useActionState<GuideFormState, FormData>(recordSeriesAction, { status: "idle" });
  const message = state.error ? (errors[state.error] ?? errors.generic) : null;
  const values = state.values ?? {};
  // Remount the fields after each answer so they show what was sent.
  const k = (name: string) => `${name}-${state.attempt ?? 0}`;
  return (
    <form action={action} className="flex flex-col gap-5">
      <FormError message={message} answer={state} />
      <input type="hidden" name="programId" value={programId} />
      <div className="grid gap-5 md:grid-cols-2 [&>*]:min-w-0">
        <RadioGroup
          key={k("episodes")}
          legend={labels.episodes}
          name="episodes"
          defaultValue={values.episodes ?? "new"}
          options={[
            { value: "new", label: labels.episodesNew },
            { value: "all", label: labels.episodesAll },
          ]}
        />
        <RadioGroup
          key={k("channel")}
          legend={labels.channel}
          name="channel"
          defaultValue={values.channel ?? "this"}
          options={[
            { value: "this", label: labels.channelThis },
            { value: "any", label: labels.channelAny },
          ]}
        />
        <SelectField
          key={k("keepLatest")}
          label={labels.keepLatest}
          name="keepLatest"
          defaultValue={values.keepLatest ?? "all"}
          aria-invalid={state.error === "KEEP_LATEST_INVALID" || undefined}
          options={[
            { value: "all", label: labels.keepAll },
            ...KEEP_LATEST.map((n) => ({ value: String(n), label: labels.keepLatestOptions[n] ?? String(n) })),
          ]}
        />
        <RadioGroup
          key={k("keep")}
          legend={labels.keep}
          name="keep"
          defaultValue={values.keep ?? "SPACE_NEEDED"}
          options={[
            { value: "SPACE_NEEDED", label: labels.keepSpace, description: labels.keepSpaceHint },
            { value: "UNTIL_DELETED", label: labels.keepDeleted, description: labels.keepDeletedHint },
          ]}
        />
        <SelectField
          key={k("paddingBeforeMin")}
          label={labels.paddingBefore}
          name="paddingBeforeMin"
          defaultValue={values.paddingBeforeMin ?? "0"}
          aria-invalid={state.error === "PADDING_INVALID" || undefined}
          options={PADDING.map((m) => ({ value: String(m), label: labels.minutes[m] ?? String(m) }))}
        />
        <SelectField
          key={k("paddingAfterMin")}
          label={labels.paddingAfter}
          name="paddingAfterMin"
          defaultValue={values.paddingAfterMin ?? "0"}
          aria-invalid={state.error === "PADDING_INVALID" || undefined}
          options={PADDING.map((m) => ({ value: String(m), label: labels.minutes[m] ?? String(m) }))}
        />
        <TextField
          key={k("priority")}
          type="number"
          name="priority"
          inputMode="numeric"
          min={1}
          label={labels.priority}
          hint={labels.priorityHint}
          defaultValue={values.priority}
          aria-invalid={state.error === "PRIORITY_INVALID" || undefined}
        />
        {profiles.length > 1 ? (
          <SelectField
            key={k("profileId")}
            label={labels.profile}
            name="profileId"
            defaultValue={values.profileId ?? defaultProfileId}
            aria-invalid={state.error === "PROFILE_NOT_FOUND" || undefined}
            options={profiles.map((p) => ({ value: p.id, label: p.name }))}
          />
        ) : null}
      </div>
      <Button type="submit" loading={pending} className="self-start">
        {labels.submit}
      </Button>
    </form>
  );
}
