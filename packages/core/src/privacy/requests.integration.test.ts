import { randomBytes } from "node:crypto";
import { addMember, createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, describe, expect, inject, it } from "vitest";
import { householdActor } from "../testing/actors.ts";
import { createTestContext } from "../testing/test-context.ts";
import { purgePrivacyRecords, runPrivacyFulfilment, runPrivacyNotices } from "./jobs.ts";
import {
  downloadMyExport,
  getMyPrivacyRequest,
  lookUpPublicRequest,
  submitPortalRequest,
  submitPublicOptOut,
  submitPublicRequest,
} from "./requests.ts";
import { getPrivacySettings, honourPreferenceSignal, PrivacyError, updatePrivacySettings } from "./settings.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
const tag = randomBytes(4).toString("hex");
let sequence = 0;
const unique = (name: string) => `privacy-${name}-${tag}-${(sequence += 1)}`;
const NOW = new Date("2026-11-23T18:00:00Z");
const text = () => (key: string) => key;

afterAll(() => db.$disconnect());

async function household() {
  const email = `${unique("o")}@example.com`;
  const accountNumber = String(8_000_000_000 + Math.floor(Math.random() * 999_999_999));
  const { account, owner } = await createHousehold(db, {
    account: { accountNumber, holderName: "Ada Lovelace", zip: "95814", addressLine1: "12 Harbor Street" },
    owner: { email, name: "Ada Lovelace" },
  });
  const actor = householdActor(owner, account.id, "OWNER");
  return { account, owner, actor, email, accountNumber };
}

const fresh = <T extends { stepUpAt: Date | null }>(actor: T) => ({ ...actor, stepUpAt: ctx.now() });
const requestOf = (actor: { id: string; sessionId: string }) => ({ actorUserId: actor.id, sessionId: actor.sessionId });

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return (error as { code?: string; name?: string }).code ?? (error as Error).name;
  }
}

describe("privacy choices", () => {
  it("saves choices with their history; opting out of sale turns sharing off; the owner's opt-out covers the account", async () => {
    ctx.setNow(NOW);
    const { actor, account } = await household();
    const all = {
      marketingEmail: false,
      marketingSms: true,
      marketingCalls: false,
      partnerSharing: true,
      personalizedAds: true,
      optOutSaleSharing: true,
      limitSensitive: false,
    };
    await updatePrivacySettings(ctx, actor, requestOf(actor), all);
    const settings = await getPrivacySettings(db, actor);
    expect(settings.choices).toMatchObject({
      marketingEmail: false,
      marketingSms: true,
      partnerSharing: false,
      personalizedAds: false,
      optOutSaleSharing: true,
    });
    expect(settings.history.map((h) => h.field).sort()).toEqual(
      ["marketingEmail", "marketingSms", "optOutSaleSharing", "partnerSharing", "personalizedAds"].sort(),
    );
    expect(settings.account).toEqual({ optOutSaleSharing: true, limitSensitive: false });
    // Saving the same form again changes nothing and adds no history.
    await updatePrivacySettings(ctx, actor, requestOf(actor), {
      ...all,
      partnerSharing: false,
      personalizedAds: false,
    });
    expect((await getPrivacySettings(db, actor)).history).toHaveLength(5);
    // Sharing back on while staying opted out is refused, not guessed.
    expect(
      await codeOf(
        updatePrivacySettings(ctx, actor, requestOf(actor), { ...all, personalizedAds: true, partnerSharing: false }),
      ),
    ).toBe("SHARING_WHILE_OPTED_OUT");
    expect(await db.auditEvent.count({ where: { accountId: account.id, action: "privacy.settings.changed" } })).toBe(1);
    await expect(updatePrivacySettings(ctx, actor, requestOf(actor), { marketingEmail: "yes" })).rejects.toThrow();
  });

  it("honours an opt-out preference signal once, recorded with the signal as its source", async () => {
    ctx.setNow(NOW);
    const { actor } = await household();
    const [first, second] = await Promise.all([
      honourPreferenceSignal(ctx, actor, requestOf(actor)),
      honourPreferenceSignal(ctx, actor, requestOf(actor)),
    ]);
    expect([first.changed, second.changed].filter(Boolean)).toHaveLength(1);
    expect(await honourPreferenceSignal(ctx, actor, requestOf(actor))).toEqual({ changed: false });
    const settings = await getPrivacySettings(db, actor);
    expect(settings.choices.optOutSaleSharing).toBe(true);
    expect(settings.gpcHonouredAt).toEqual(NOW);
    expect(settings.history.find((h) => h.field === "optOutSaleSharing")).toMatchObject({ source: "GPC", value: true });
  });
});

describe("public opt-outs", () => {
  it("apply at once to whatever the identifiers match, and answer the same when nothing matches", async () => {
    ctx.setNow(NOW);
    const { actor, account, email } = await household();
    const member = await createUser(db, { email: `${unique("m")}@example.com`, name: "Byron" });
    await addMember(db, account.id, member.id, "MEMBER");
    const known = await submitPublicOptOut(ctx, {}, { type: "OPT_OUT_SALE_SHARING", claimed: { email }, locale: "en" });
    const unknown = await submitPublicOptOut(
      ctx,
      {},
      { type: "OPT_OUT_SALE_SHARING", claimed: { email: `${unique("nobody")}@example.com` }, locale: "en" },
    );
    expect(Object.keys(known).sort()).toEqual(Object.keys(unknown).sort());
    expect(known.effectiveAt).toEqual(NOW);
    expect(known.effectiveBy.getTime()).toBeGreaterThan(NOW.getTime() + 15 * 86_400_000);
    expect((await getPrivacySettings(db, actor)).choices.optOutSaleSharing).toBe(true);
    expect((await db.privacySetting.findUnique({ where: { accountId: account.id } }))?.optOutSaleSharing).toBe(true);
    // The member's own choices are theirs: the account's opt-out covers the account's data.
    expect(await db.privacySetting.findUnique({ where: { userId: member.id } })).toBeNull();
    expect(await db.outboxMessage.count({ where: { recipient: email, subject: { contains: known.reference } } })).toBe(
      1,
    );
    await expect(
      submitPublicOptOut(ctx, {}, { type: "OPT_OUT_SALE_SHARING", claimed: {}, locale: "en" }),
    ).rejects.toThrow();
  });
});

describe("know, delete and correct requests", () => {
  it("from the privacy center: a fresh sign-in, verified at once, due in 45 days, one per double submit", async () => {
    ctx.setNow(NOW);
    const { actor } = await household();
    expect(await codeOf(submitPortalRequest(ctx, actor, requestOf(actor), { type: "KNOW_SPECIFIC" }))).toBe(
      "STEP_UP_REQUIRED",
    );
    const ready = fresh(actor);
    const [a, b] = await Promise.all([
      submitPortalRequest(ctx, ready, requestOf(ready), { type: "KNOW_SPECIFIC" }),
      submitPortalRequest(ctx, ready, requestOf(ready), { type: "KNOW_SPECIFIC" }),
    ]);
    expect(a.request.id).toBe(b.request.id);
    expect([a.created, b.created].filter(Boolean)).toHaveLength(1);
    expect(a.request).toMatchObject({ status: "VERIFIED", channel: "PORTAL", userId: actor.id });
    expect(a.request.reference).toMatch(/^PR-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    // The end of the 45th day after receipt, at the provider's place.
    const days = (a.request.dueAt.getTime() - NOW.getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(45);
    expect(days).toBeLessThanOrEqual(46);
    expect(
      await codeOf(
        submitPortalRequest(ctx, ready, requestOf(ready), { type: "CORRECT", correction: { field: "name" } }),
      ),
    ).toBe("ZodError");
  });

  it("sends the receipt once, builds the export, tells the consumer, and the download needs a fresh sign-in", async () => {
    ctx.setNow(NOW);
    const { actor, email } = await household();
    const ready = fresh(actor);
    const { request } = await submitPortalRequest(ctx, ready, requestOf(ready), { type: "KNOW_SPECIFIC" });

    await Promise.all([runPrivacyNotices(ctx), runPrivacyNotices(ctx)]);
    expect(
      await db.outboxMessage.count({ where: { recipient: email, subject: { contains: request.reference } } }),
    ).toBe(1);
    expect((await db.privacyRequest.findUniqueOrThrow({ where: { id: request.id } })).confirmedAt).toEqual(NOW);

    await Promise.all([runPrivacyFulfilment(ctx, text), runPrivacyFulfilment(ctx, text)]);
    const done = await getMyPrivacyRequest(db, actor, request.id);
    expect(done).toMatchObject({ status: "COMPLETED", outcome: "COMPLIED" });
    expect(done?.exports).toHaveLength(1);
    await runPrivacyNotices(ctx);
    await runPrivacyNotices(ctx);
    expect(
      await db.outboxMessage.count({ where: { recipient: email, subject: { contains: request.reference } } }),
    ).toBe(2);
    expect(await db.notification.count({ where: { userId: actor.id, messageKey: "privacy.request_completed" } })).toBe(
      1,
    );

    expect(await codeOf(downloadMyExport(ctx, actor, requestOf(actor), request.id))).toBe("STEP_UP_REQUIRED");
    const file = await downloadMyExport(ctx, ready, requestOf(ready), request.id);
    expect(file.fileName).toMatch(/\.zip$/);
    expect([...file.content.slice(0, 2)]).toEqual([0x50, 0x4b]);
    const stranger = fresh((await household()).actor);
    expect(await codeOf(downloadMyExport(ctx, stranger, requestOf(stranger), request.id))).toBe("NOT_FOUND");
    ctx.setNow(new Date(NOW.getTime() + 31 * 86_400_000));
    expect(await codeOf(downloadMyExport(ctx, fresh(actor), requestOf(actor), request.id))).toBe("EXPORT_EXPIRED");
  });

  it("deletes on request: the login goes, the records the law keeps stay, and the consumer is told what and why", async () => {
    ctx.setNow(NOW);
    const { actor, account, email } = await household();
    const ready = fresh(actor);
    const { request } = await submitPortalRequest(ctx, ready, requestOf(ready), { type: "DELETE" });
    await runPrivacyNotices(ctx);
    await runPrivacyFulfilment(ctx, text);
    const done = await db.privacyRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(done).toMatchObject({ status: "COMPLETED", outcome: "COMPLIED_IN_PART" });
    const kept = (done.response as { kept: { basis: string }[] }).kept.map((k) => k.basis);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept).toContain("privacy_records");
    expect(await db.user.findUnique({ where: { id: actor.id } })).toBeNull();
    expect(await db.deviceSession.count({ where: { userId: actor.id } })).toBe(0);
    expect(await db.serviceAccount.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({
      status: "CLOSED",
      phoneOnFile: null,
    });
    // The answer still reaches the consumer, at the address the request was made from (the
    // earlier receipt in the outbox went with the rest of their data).
    await runPrivacyNotices(ctx);
    const sent = await db.outboxMessage.findMany({
      where: { recipient: email, subject: { contains: request.reference } },
    });
    expect(sent.map((m) => m.subject)).toEqual([`Your privacy request ${request.reference} is complete`]);
  });

  it("from the public form: verified by matching data points, never saying whether anyone matched", async () => {
    ctx.setNow(NOW);
    const { email, accountNumber, account, owner } = await household();
    const two = await submitPublicRequest(
      ctx,
      {},
      {
        type: "KNOW_CATEGORIES",
        claimed: { email, zip: "95814" },
        locale: "en",
      },
    );
    const row = await db.privacyRequest.findUniqueOrThrow({ where: { reference: two.reference } });
    expect(row).toMatchObject({ status: "VERIFIED", accountId: account.id, userId: owner.id, channel: "PUBLIC_FORM" });

    // Specific pieces need three points and the signed declaration (§7062(c)).
    const short = await submitPublicRequest(
      ctx,
      {},
      {
        type: "KNOW_SPECIFIC",
        claimed: { email, zip: "95814", accountNumber },
        declarationSigned: true,
        declarationName: "Ada Lovelace",
        locale: "es",
      },
    );
    expect((await db.privacyRequest.findUniqueOrThrow({ where: { reference: short.reference } })).status).toBe(
      "VERIFIED",
    );
    expect(
      await codeOf(
        submitPublicRequest(
          ctx,
          {},
          { type: "KNOW_SPECIFIC", claimed: { email, zip: "95814", accountNumber }, locale: "en" },
        ),
      ),
    ).toBe("ZodError");

    const nobody = await submitPublicRequest(
      ctx,
      {},
      {
        type: "DELETE",
        claimed: { email: `${unique("x")}@example.com`, zip: "95814" },
        locale: "en",
      },
    );
    expect(Object.keys(nobody).sort()).toEqual(Object.keys(two).sort());
    expect((await db.privacyRequest.findUniqueOrThrow({ where: { reference: nobody.reference } })).status).toBe(
      "RECEIVED",
    );
    // A double submit within minutes is the same request.
    const again = await submitPublicRequest(
      ctx,
      {},
      {
        type: "KNOW_CATEGORIES",
        claimed: { email, zip: "95814" },
        locale: "en",
      },
    );
    expect(again.reference).toBe(two.reference);

    expect(await lookUpPublicRequest(db, { reference: two.reference, email })).toMatchObject({ status: "VERIFIED" });
    expect(await lookUpPublicRequest(db, { reference: two.reference, email: "someone@example.com" })).toBeNull();
  });

  it("from an authorised agent: waits for staff, with the permission checked by its bytes", async () => {
    ctx.setNow(NOW);
    const { email } = await household();
    const pdf = new TextEncoder().encode("%PDF-1.4\n% signed permission\n");
    const agent = { name: "Grace Hopper", email: `${unique("agent")}@example.com` };
    const sent = await submitPublicRequest(
      ctx,
      {},
      {
        type: "DELETE",
        claimed: { email, zip: "95814", name: "Ada Lovelace" },
        agent: { ...agent, permission: { mediaType: "application/pdf", bytes: pdf } },
        locale: "en",
      },
    );
    const row = await db.privacyRequest.findUniqueOrThrow({
      where: { reference: sent.reference },
      include: { uploads: true },
    });
    expect(row).toMatchObject({ status: "RECEIVED", channel: "AUTHORIZED_AGENT", agentEmail: agent.email });
    expect(row.uploads[0]).toMatchObject({ mediaType: "application/pdf", bytes: pdf.byteLength });
    expect(row.uploads[0]?.storedName).toMatch(/^[0-9a-f-]{36}\.pdf$/);

    const text = new TextEncoder().encode("not a pdf at all");
    const refused = submitPublicRequest(
      ctx,
      {},
      {
        type: "DELETE",
        claimed: { email: `${unique("y")}@example.com` },
        agent: { ...agent, permission: { mediaType: "application/pdf", bytes: text } },
        locale: "en",
      },
    );
    await expect(refused).rejects.toBeInstanceOf(PrivacyError);
    await expect(refused).rejects.toMatchObject({ code: "FILE_TYPE" });
  });

  it("keeps records 24 months after they close, and drops an export's copy once it expires", async () => {
    ctx.setNow(NOW);
    const { actor } = await household();
    const ready = fresh(actor);
    const { request } = await submitPortalRequest(ctx, ready, requestOf(ready), { type: "KNOW_CATEGORIES" });
    await runPrivacyFulfilment(ctx, text);
    expect(await db.privacyExport.count({ where: { requestId: request.id } })).toBe(1);

    ctx.setNow(new Date(NOW.getTime() + 31 * 86_400_000));
    await purgePrivacyRecords(ctx);
    expect(await db.privacyExport.count({ where: { requestId: request.id } })).toBe(0);
    expect(await db.privacyRequest.count({ where: { id: request.id } })).toBe(1);

    ctx.setNow(new Date("2028-11-22T18:00:00Z"));
    await purgePrivacyRecords(ctx);
    expect(await db.privacyRequest.count({ where: { id: request.id } })).toBe(1);
    ctx.setNow(new Date("2028-11-24T18:00:00Z"));
    await purgePrivacyRecords(ctx);
    expect(await db.privacyRequest.count({ where: { id: request.id } })).toBe(0);
  });
});
