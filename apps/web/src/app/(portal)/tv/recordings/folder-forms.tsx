"use client";

import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { TextField } from "@homeport/ui/input";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { createFolderAction, type DvrFormState, renameFolderAction } from "@/actions/dvr";
import { FormError } from "@/components/form-error";

/** "New folder": a name, unique in the household's library. */
export function CreateFolderForm({ errors }: { errors: Record<string, string> }) {
  const t = useTranslations("tv.folders");
  const [state, action, pending] = useActionState<DvrFormState, FormData>(createFolderAction, { status: "idle" });
  return (
    <form action={action} className="flex flex-col gap-3" key={state.status === "done" ? state.attempt : "form"}>
      <FormError
        message={state.status === "error" ? (errors[state.error ?? ""] ?? errors.generic) : null}
        answer={state}
      />
      {state.status === "done" ? <Alert variant="success">{t("created")}</Alert> : null}
      <TextField name="name" label={t("newName")} required maxLength={60} autoComplete="off" />
      <Button type="submit" size="sm" variant="secondary" loading={pending} className="self-start">
        {t("create")}
      </Button>
    </form>
  );
}

/** Renames one folder (shown inside a disclosure next to it). */
export function RenameFolderForm({
  folderId,
  name,
  errors,
}: {
  folderId: string;
  name: string;
  errors: Record<string, string>;
}) {
  const t = useTranslations("tv.folders");
  const [state, action, pending] = useActionState<DvrFormState, FormData>(renameFolderAction, { status: "idle" });
  return (
    <form action={action} className="flex flex-col gap-3">
      <FormError
        message={state.status === "error" ? (errors[state.error ?? ""] ?? errors.generic) : null}
        answer={state}
      />
      {state.status === "done" ? <Alert variant="success">{t("renamed")}</Alert> : null}
      <input type="hidden" name="folderId" value={folderId} />
      <TextField
        name="name"
        label={t("renameLabel", { name })}
        defaultValue={name}
        required
        maxLength={60}
        autoComplete="off"
      />
      <Button type="submit" size="sm" variant="secondary" loading={pending} className="self-start">
        {t("rename")}
      </Button>
    </form>
  );
}
