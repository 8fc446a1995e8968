import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NOT_PERSONAL, PRIVACY_INVENTORY, type SubjectKeys } from "./inventory.ts";

const repoRoot = new URL("../../../../", import.meta.url);
const schema = readFileSync(new URL("prisma/schema.prisma", repoRoot), "utf8");

/** Model name → its scalar and enum fields, and the models its foreign keys point to. */
function parseSchema(text: string) {
  const blocks = [...text.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)].map((m) => ({ name: m[1]!, body: m[2]! }));
  const modelNames = new Set(blocks.map((b) => b.name));
  const models = new Map<string, { fields: Set<string>; references: Set<string> }>();
  for (const { name, body } of blocks) {
    const fields = new Set<string>();
    const references = new Set<string>();
    for (const line of body.split("\n")) {
      const match = /^\s+(\w+)\s+(\w+)(\[\]|\?)?/.exec(line);
      if (!match || line.trim().startsWith("//")) continue;
      const [, field, type] = match;
      if (modelNames.has(type!)) {
        if (line.includes("fields:")) references.add(type!);
      } else {
        fields.add(field!);
      }
    }
    models.set(name, { fields, references });
  }
  return models;
}

const models = parseSchema(schema);
const entryModels = PRIVACY_INVENTORY.map((e) => e.model as string);

/** Credentials and gateway handles: §7024(d) forbids disclosing passwords and security codes. */
const SECRET_NAME =
  /hash$|digest$|secret$|sealed$|token$|^pendingPassword$|^gateway(Ref|CustomerId)$|^idempotencyKey$|^requestKey$/i;

const subjects: SubjectKeys[] = [
  { userId: "u1", accountId: "a1", accountRole: "OWNER", email: "o@example.com", contacts: ["+1"], profileIds: ["p1"] },
  { userId: "u2", accountId: "a1", accountRole: "MEMBER", email: "m@example.com", contacts: [], profileIds: [] },
  { userId: "u3", accountId: null, accountRole: null, email: "x@example.com", contacts: [], profileIds: [] },
  { userId: null, accountId: "a1", accountRole: "OWNER", email: null, contacts: [], profileIds: [] },
];

describe("privacy inventory", () => {
  it("reads the schema", () => {
    expect(models.size).toBeGreaterThan(40);
    expect(models.get("User")?.fields.has("passwordHash")).toBe(true);
  });

  it("lists every model exactly once, as personal data or with a reason it is not", () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const model of entryModels) {
      if (seen.has(model)) problems.push(`${model} is listed twice in PRIVACY_INVENTORY`);
      seen.add(model);
      if (!models.has(model)) problems.push(`${model} is not a model of the schema`);
    }
    for (const model of Object.keys(NOT_PERSONAL)) {
      if (seen.has(model)) problems.push(`${model} is both personal and NOT_PERSONAL`);
      if (!models.has(model)) problems.push(`${model} in NOT_PERSONAL is not a model of the schema`);
      if (!NOT_PERSONAL[model]?.trim()) problems.push(`${model} in NOT_PERSONAL has no reason`);
    }
    for (const model of models.keys()) {
      if (!seen.has(model) && !(model in NOT_PERSONAL)) {
        problems.push(`${model} is in neither PRIVACY_INVENTORY nor NOT_PERSONAL`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("names only fields the models have", () => {
    const problems: string[] = [];
    for (const entry of PRIVACY_INVENTORY) {
      const fields = models.get(entry.model)?.fields ?? new Set<string>();
      for (const field of entry.exportFields) {
        if (!fields.has(field)) problems.push(`${entry.model}.${field} (exportFields) is not a field`);
      }
      if (entry.onDelete.action === "deidentify") {
        for (const field of Object.keys(entry.onDelete.set)) {
          if (!fields.has(field)) problems.push(`${entry.model}.${field} (deidentify) is not a field`);
        }
      }
      if (entry.delegate !== entry.model.charAt(0).toLowerCase() + entry.model.slice(1)) {
        problems.push(`${entry.model} has the delegate ${entry.delegate}`);
      }
      if (!entry.reason.trim()) problems.push(`${entry.model} gives no reason`);
      if (entry.purposes.length === 0 || entry.sources.length === 0) {
        problems.push(`${entry.model} needs purposes and sources`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("never exports a secret", () => {
    const secrets = [...models].flatMap(([model, { fields }]) =>
      [...fields].filter((f) => SECRET_NAME.test(f)).map((f) => `${model}.${f}`),
    );
    // The pattern must still catch the credentials the schema has.
    expect(secrets).toEqual(
      expect.arrayContaining([
        "User.passwordHash",
        "User.totpSecret",
        "RecoveryCode.digest",
        "VerificationToken.secretDigest",
        "WifiNetwork.passwordSealed",
        "WifiNetwork.pendingPassword",
        "PaymentMethod.gatewayRef",
        "ServiceAccount.gatewayCustomerId",
      ]),
    );
    const exported = PRIVACY_INVENTORY.flatMap((e) =>
      e.exportFields.filter((f) => SECRET_NAME.test(f)).map((f) => `${e.model}.${f}`),
    );
    expect(exported).toEqual([]);
  });

  it("deletes children before the rows their foreign keys point to", () => {
    const problems: string[] = [];
    PRIVACY_INVENTORY.forEach((entry, index) => {
      for (const parent of models.get(entry.model)?.references ?? []) {
        const parentIndex = entryModels.indexOf(parent);
        if (parentIndex !== -1 && parentIndex < index) problems.push(`${entry.model} comes after its parent ${parent}`);
      }
    });
    expect(problems).toEqual([]);
  });

  it("scopes household rows to the account holder only", () => {
    const [owner, member, loginOnly, holderWithoutLogin] = subjects;
    for (const entry of PRIVACY_INVENTORY) {
      if (entry.scope === "account") {
        expect(entry.where(member!), entry.model).toBeNull();
        expect(entry.where(loginOnly!), entry.model).toBeNull();
        expect(entry.where(owner!), entry.model).not.toBeNull();
        expect(entry.where(holderWithoutLogin!), entry.model).not.toBeNull();
      }
    }
    // The user's own rows apply to a member too, and a filter never comes back empty (which
    // Prisma would read as "every row").
    for (const subject of subjects) {
      for (const entry of PRIVACY_INVENTORY) {
        const where = entry.where(subject);
        if (where !== null) expect(Object.keys(where).length, entry.model).toBeGreaterThan(0);
      }
    }
    const memberEntries = PRIVACY_INVENTORY.filter((e) => e.where(member!) !== null).map((e) => e.model);
    expect(memberEntries).toEqual(expect.arrayContaining(["User", "DeviceSession", "Notification", "Membership"]));
    expect(memberEntries).not.toContain("ServiceAccount");
    expect(memberEntries).not.toContain("Payment");
  });

  it("has a label for every category, purpose, source and table in both languages", () => {
    const catalogs = ["en", "es"].map(
      (locale) =>
        JSON.parse(readFileSync(new URL(`apps/web/messages/privacy-export.${locale}.json`, repoRoot), "utf8")) as {
          privacyExport: Record<string, unknown>;
        },
    );
    const keysOf = (value: unknown, prefix = ""): string[] =>
      typeof value === "object" && value !== null
        ? Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k))
        : [prefix];
    const [en, es] = catalogs.map((c) => keysOf(c.privacyExport).sort());
    expect(es).toEqual(en);
    const needed = PRIVACY_INVENTORY.flatMap((e) => [
      `category.${e.category}`,
      `table.${e.model}`,
      ...e.purposes.map((p) => `purpose.${p}`),
      ...e.sources.map((s) => `source.${s}`),
    ]);
    const missing = [...new Set(needed)].filter((k) => !en!.includes(k));
    expect(missing).toEqual([]);
  });
});
