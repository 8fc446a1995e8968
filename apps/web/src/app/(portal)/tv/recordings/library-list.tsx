"use client";

import { Alert } from "@homeport/ui/alert";
import { Badge } from "@homeport/ui/badge";
import { Button } from "@homeport/ui/button";
import { Checkbox } from "@homeport/ui/checkbox";
import { NativeSelect } from "@homeport/ui/select";
import { Lock, LockOpen } from "lucide-react";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { deleteRecordingsAction, type DvrFormState, moveRecordingsAction, protectRecordingAction } from "@/actions/dvr";
import { ConfirmAction } from "@/components/confirm-action";
import { FormError } from "@/components/form-error";

export interface LibraryRow {
  id: string;
  title: string;
  /** Episode, subtitle, date, length, profile: already in words. */
  details: string;
  protected: boolean;
  /** "Recording now" / "Failed", or null when complete. */
  status: string | null;
  folder: string | null;
}

export interface LibraryGroupView {
  key: string;
  label: string;
  rows: LibraryRow[];
}

/** The library with checkboxes: select several to delete or move; protect one at a time. */
export function LibraryList({
  groups,
  folders,
  returnTo,
  errors,
}: {
  groups: LibraryGroupView[];
  folders: { id: string; name: string }[];
  returnTo: string;
  errors: Record<string, string>;
}) {
  const t = useTranslations("tv.library");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [moveState, moveAction, moving] = useActionState<DvrFormState, FormData>(moveRecordingsAction, {
    status: "idle",
  });
  const toggle = (ids: string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  const count = selected.size;
  const ids = [...selected].join(",");
  return (
    <div className="flex flex-col gap-4">
      <div
        role="region"
        aria-label={t("toolbar")}
        className="sticky top-0 z-10 flex flex-wrap items-center gap-3 rounded-lg border border-border bg-surface p-3"
      >
        <p className="text-sm font-medium" aria-live="polite">
          {t("selectedCount", { count })}
        </p>
        {count > 0 ? (
          <>
            <ConfirmAction
              action={deleteRecordingsAction}
              fields={{ ids, returnTo }}
              size="sm"
              variant="danger"
              label={t("deleteSelected", { count })}
              title={t("deleteTitle", { count })}
              description={t("deleteDescription", { count })}
              confirmLabel={t("deleteConfirm")}
              cancelLabel={t("cancel")}
            />
            <form
              action={async (formData) => {
                moveAction(formData);
                setSelected(new Set());
              }}
              className="flex flex-wrap items-center gap-2"
            >
              <input type="hidden" name="ids" value={ids} />
              <label htmlFor="move-folder" className="text-sm">
                {t("moveTo")}
              </label>
              <NativeSelect
                id="move-folder"
                name="folderId"
                className="w-44"
                options={[
                  { value: "none", label: t("noFolder") },
                  ...folders.map((f) => ({ value: f.id, label: f.name })),
                ]}
              />
              <Button type="submit" size="sm" variant="secondary" loading={moving}>
                {t("move")}
              </Button>
            </form>
            <Button type="button" size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
              {t("clear")}
            </Button>
          </>
        ) : null}
      </div>
      <FormError
        message={moveState.status === "error" ? (errors[moveState.error ?? ""] ?? errors.generic) : null}
        answer={moveState}
      />
      {moveState.status === "done" ? <Alert variant="success">{t("moved")}</Alert> : null}
      {groups.map((group) => {
        const groupIds = group.rows.map((r) => r.id);
        const all = groupIds.every((id) => selected.has(id));
        const headingId = `group-${group.key}`;
        return (
          <section key={group.key} aria-labelledby={headingId} className="flex flex-col gap-2">
            <div className="flex items-center gap-3">
              <Checkbox
                checked={all}
                onChange={(event) => toggle(groupIds, event.target.checked)}
                aria-label={t("selectGroup", { group: group.label })}
              />
              <h2 id={headingId} className="text-lg font-semibold">
                {group.label} <span className="text-sm font-normal text-fg-muted">({group.rows.length})</span>
              </h2>
            </div>
            <ul className="flex flex-col divide-y divide-border rounded-lg border border-border bg-surface">
              {group.rows.map((row) => (
                <li key={row.id} className="flex flex-wrap items-center gap-3 p-3">
                  <Checkbox
                    checked={selected.has(row.id)}
                    onChange={(event) => toggle([row.id], event.target.checked)}
                    aria-label={t("select", { title: row.title })}
                  />
                  <div className="flex min-w-0 flex-1 flex-col gap-0.5">
                    <span className="flex flex-wrap items-center gap-2 font-medium">
                      {row.title}
                      {row.protected ? <Badge variant="info">{t("protectedBadge")}</Badge> : null}
                      {row.status ? <Badge variant="warning">{row.status}</Badge> : null}
                    </span>
                    <span className="text-sm text-fg-muted">
                      {row.details}
                      {row.folder ? ` · ${t("inFolder", { folder: row.folder })}` : ""}
                    </span>
                  </div>
                  <form action={protectRecordingAction}>
                    <input type="hidden" name="recordingId" value={row.id} />
                    <input type="hidden" name="protected" value={row.protected ? "false" : "true"} />
                    <Button
                      type="submit"
                      size="sm"
                      variant="ghost"
                      aria-pressed={row.protected}
                      aria-label={t("protectLabel", { title: row.title })}
                    >
                      {row.protected ? <Lock aria-hidden="true" /> : <LockOpen aria-hidden="true" />}
                      {t("protect")}
                    </Button>
                  </form>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
