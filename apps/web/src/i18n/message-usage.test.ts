import path from "node:path";
import { PRIVACY_INVENTORY } from "@homeport/core/privacy/inventory";
import type ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { catalogs } from "../../messages/catalog.ts";
import {
  createFixtureProgram,
  createWebProgram,
  type DeclaredType,
  lookup,
  type MessageScan,
  type MessageTree,
  REPO_ROOT,
  scanMessageUses,
  sourceFilesUnder,
  storedMessageKeys,
  unionMembers,
  unservedUses,
} from "./message-usage.test-helpers.ts";

const LANGUAGES = Object.entries(catalogs) as [string, MessageTree][];
const under = (folder: string) => (file: string) => path.join(REPO_ROOT, folder, file);
const core = under("packages/core/src");
const db = under("packages/db/src");

/** The keys that are not a message in every language, as "language: key". */
function missingMessages(keys: readonly string[]): string[] {
  return LANGUAGES.flatMap(([language, catalog]) =>
    keys.filter((key) => typeof lookup(catalog, key) !== "string").map((key) => `${language}: ${key}`),
  );
}

/**
 * The core codes a page puts into words, and the message groups that hold them (read from the pages:
 * a page looks a code up in its group, or lists the codes its form can show). A new code needs words.
 */
const CODE_MESSAGES: { codes: DeclaredType; groups: string[]; key?: (code: string) => string }[] = [
  { codes: { file: core("admin/account-actions.ts"), name: "LockReason" }, groups: ["adminAccounts.lockReasons"] },
  { codes: { file: core("admin/anomalies.ts"), name: "AnomalyErrorCode" }, groups: ["adminAnomalies.errors"] },
  { codes: { file: core("admin/api-keys.ts"), name: "ApiKeyErrorCode" }, groups: ["adminStaff.keys.errors"] },
  { codes: { file: core("admin/staff.ts"), name: "StaffErrorCode" }, groups: ["adminStaff.staff.errors"] },
  // actions/billing.ts shows a declined payment as DECLINED_<the gateway's reason>.
  {
    codes: { file: core("billing/gateway.ts"), name: "DeclineCode" },
    groups: ["billing.errors"],
    key: (code) => `DECLINED_${code}`,
  },
  { codes: { file: core("dvr/recording-rules.ts"), name: "DvrErrorCode" }, groups: ["dvr.errors"] },
  { codes: { file: core("email/mailboxes.ts"), name: "EmailErrorCode" }, groups: ["email.errors.codes"] },
  { codes: { file: core("email/troubleshoot.ts"), name: "FieldCode" }, groups: ["emailTroubleshoot.codes"] },
  { codes: { file: core("email/troubleshoot.ts"), name: "GeneralCode" }, groups: ["emailTroubleshoot.general"] },
  {
    codes: { file: core("identity/password-policy.ts"), name: "PasswordProblem" },
    groups: ["accountErrors", "security.password.errors", "adminStaff.invitePage.errors"],
  },
  { codes: { file: core("privacy/staff.ts"), name: "DenialReason" }, groups: ["privacy.denial"] },
  { codes: { file: core("privacy/staff.ts"), name: "PrivacyStaffErrorCode" }, groups: ["privacyAdmin.errors"] },
  {
    codes: { file: core("services/appointment-errors.ts"), name: "AppointmentErrorCode" },
    groups: ["appointments.errors"],
  },
  { codes: { file: core("services/device-gateway.ts"), name: "DeviceFailureCode" }, groups: ["equipment.failure"] },
  { codes: { file: core("services/wifi-rules.ts"), name: "SsidProblem" }, groups: ["wifi.errors"] },
];

describe("the message keys the code uses", () => {
  const webFiles = sourceFilesUnder(path.join(REPO_ROOT, "apps/web/src"));
  const coreFiles = sourceFilesUnder(path.join(REPO_ROOT, "packages/core/src"));
  const uiFiles = sourceFilesUnder(path.join(REPO_ROOT, "packages/ui/src"));
  const dbFiles = sourceFilesUnder(path.join(REPO_ROOT, "packages/db/src")).filter((f) => !f.includes("/generated/"));
  let program: ts.Program;
  let scan: MessageScan;

  beforeAll(() => {
    program = createWebProgram([...webFiles, ...coreFiles, ...uiFiles, ...dbFiles]);
    scan = scanMessageUses(program, [...webFiles, ...coreFiles, ...uiFiles], {
      // lib/privacy-export-text.ts hands core this translator for the export's summary.
      translatorTypes: [{ file: core("privacy/export.ts"), name: "ExportTranslate", namespace: "privacyExport" }],
      // Every table of the schema, of which the export names only those in the privacy inventory (below).
      wideTypes: [{ file: db("generated/prisma/internal/prismaNamespace.ts"), name: "ModelName" }],
    });
  }, 120_000);

  it("are found, with the namespace of every translator known", () => {
    expect(scan.uses.length).toBeGreaterThan(2000);
    expect(scan.unresolved).toEqual([]);
  });

  it.each(LANGUAGES)("are all in the %s catalog", (_language, catalog) => {
    expect(unservedUses(scan.uses, catalog)).toEqual([]);
  });

  it("include a message for every notification core stores (the dashboard shows notifications.<key>)", () => {
    const stored = storedMessageKeys(program, [...coreFiles, ...dbFiles]);
    expect(stored.unresolved).toEqual([]);
    expect(stored.keys.length).toBeGreaterThan(20);
    expect(missingMessages(stored.keys.map(({ key }) => `notifications.${key}`))).toEqual([]);
  });

  it("include words for every code core can answer with, where a page shows them", () => {
    const keys = CODE_MESSAGES.flatMap(({ codes, groups, key = (code) => code }) =>
      unionMembers(program, codes).flatMap((code) => groups.map((group) => `${group}.${key(code)}`)),
    );
    expect(missingMessages(keys)).toEqual([]);
  });

  it("include a name for every table in the privacy export", () => {
    expect(missingMessages(PRIVACY_INVENTORY.map((entry) => `privacyExport.table.${entry.model}`))).toEqual([]);
  });
});

describe("the message key scanner", () => {
  const catalog: MessageTree = {
    billing: {
      title: "Your bill",
      status: { PAID: "Paid", DUE: "Due" },
      errors: { generic: "Something went wrong." },
      methods: { title: "Payment methods" },
    },
    shell: { home: "Home" },
  };

  const fixture = {
    "page.tsx": `
      import { getTranslations } from "next-intl/server";
      import { Row } from "./row.tsx";
      import { statusLabel } from "./status.ts";

      export default async function Page({ code }: { code: string }) {
        const [t, root] = await Promise.all([getTranslations("billing"), getTranslations()]);
        const statuses = ["PAID", "DUE", "VOID"] as const;
        const settled: readonly string[] = ["PAID"];
        return (
          <main>
            <h1>{t("title")}</h1>
            <p>{t("subtitle")}</p>
            <p>{root("shell.home")}{root("shell.away")}</p>
            <p>{t("status")}</p>
            <p>{t(\`errors.\${code}\`)}{t(\`problems.\${code}\`)}</p>
            {statuses.map((s) => (t.has(\`status.\${s}\`) ? t(\`status.\${s}\`) : s))}
            {statuses.map((status) => (settled.includes(status) ? t(\`status.\${status}\`) : status))}
            {statuses.map((s) => <Row key={s} t={t} status={s} />)}
            <p>{statusLabel(t, "PAID")}</p>
            <p>{t.rich("methods.title", { b: (chunks) => <b>{chunks}</b> })}{String(t.raw("methods"))}</p>
            <p>{t.markup("methods.count", {})}</p>
          </main>
        );
      }
    `,
    "row.tsx": `
      import type { getTranslations } from "next-intl/server";
      type T = Awaited<ReturnType<typeof getTranslations>>;
      export function Row(props: { t: T; status: "PAID" | "DUE" | "VOID" }) {
        return <p>{props.t(\`status.\${props.status}\`)}</p>;
      }
    `,
    "status.ts": `
      export function statusLabel(t: (key: string) => string, status: "PAID" | "OWED") {
        return t(\`status.\${status}\`);
      }
    `,
    "menu.tsx": `
      "use client";
      import { useTranslations } from "next-intl";
      export function Menu() {
        const t = useTranslations("shell");
        const label = (key: string) => t(key).toUpperCase();
        return <nav>{label("home")}{label("menu")}</nav>;
      }
    `,
    "typed.ts": `
      import { createTranslator } from "next-intl";
      import type { getTranslations } from "next-intl/server";
      type Billing = Awaited<ReturnType<typeof getTranslations<"billing">>>;
      export const footer = (t: Billing) => t("footer");
      export function methods(messages: Record<string, string>, namespace: "billing" | "shell") {
        const t = createTranslator({ locale: "en", messages, namespace: "billing.methods" });
        const other = createTranslator({ locale: "en", messages, namespace });
        return [t("title"), t("empty"), other("title")];
      }
    `,
    "notify.ts": `
      declare function notifyUser(notice: { messageKey: string }): void;
      function notifyHousehold(messageKey: string) {
        notifyUser({ messageKey });
      }
      export function run(kind: "usage.threshold" | "usage.over", paid: boolean, notice: { messageKey: string }) {
        notifyUser({ messageKey: paid ? "billing.paid" : "billing.failed" });
        notifyHousehold("services.booked");
        let messageKey: string;
        messageKey = "privacy.received";
        notifyUser({ messageKey });
        notifyUser({ messageKey: kind });
        notifyUser({ messageKey: notice.messageKey });
        notifyUser({ messageKey: String(kind) });
      }
    `,
  };

  let program: ts.Program;
  let fileNames: string[];
  let scan: MessageScan;
  beforeAll(() => {
    ({ program, fileNames } = createFixtureProgram(fixture));
    scan = scanMessageUses(program, fileNames);
  }, 60_000);

  const withoutLines = (problems: string[]) =>
    problems.map((problem) => problem.replace(/^apps\/web\/src\/__fixture__\/([\w.-]+):\d+/, "$1")).sort();

  it("reports each key the catalog lacks, and no other", () => {
    expect(withoutLines(unservedUses(scan.uses, catalog))).toEqual(
      [
        "page.tsx: billing.subtitle (missing)",
        "page.tsx: shell.away (missing)",
        "page.tsx: billing.status (a group, not a message)",
        "page.tsx: billing.problems (missing)",
        "page.tsx: billing.methods.count (missing)",
        "row.tsx: billing.status.VOID (missing)",
        "status.ts: billing.status.OWED (missing)",
        "menu.tsx: shell.menu (missing)",
        "typed.ts: billing.footer (missing)",
        "typed.ts: billing.methods.empty (missing)",
      ].sort(),
    );
  });

  it("reports translators whose namespace it cannot tell", () => {
    expect(withoutLines(scan.unresolved)).toEqual(["typed.ts: namespace is not a literal", "typed.ts: other"]);
  });

  it("follows a notification's key through fields, variables and parameters", () => {
    const stored = storedMessageKeys(program, fileNames);
    expect(stored.keys.map(({ key }) => key).sort()).toEqual(
      ["billing.failed", "billing.paid", "privacy.received", "services.booked", "usage.over", "usage.threshold"].sort(),
    );
    expect(withoutLines(stored.unresolved)).toEqual(["notify.ts: String(kind)"]);
  });
});
