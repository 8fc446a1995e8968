import { randomUUID } from "node:crypto";
import type { DbTx, PrivacyChangeSource, PrivacySetting } from "@homeport/db";
import { z } from "zod";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import type { Actor } from "../identity/actor.ts";

type Ctx = Pick<CoreContext, "db" | "now">;

/** The choices a consumer makes in the privacy center, in the order the page shows them. */
export const PRIVACY_CHOICES = [
  "marketingEmail",
  "marketingSms",
  "marketingCalls",
  "partnerSharing",
  "personalizedAds",
  "optOutSaleSharing",
  "limitSensitive",
] as const;
export type PrivacyChoice = (typeof PRIVACY_CHOICES)[number];
export type PrivacyChoices = Record<PrivacyChoice, boolean>;

/** What a consumer gets before choosing anything (SMS and calls need consent first: TCPA). */
export const DEFAULT_CHOICES: PrivacyChoices = {
  marketingEmail: true,
  marketingSms: false,
  marketingCalls: false,
  partnerSharing: true,
  personalizedAds: true,
  optOutSaleSharing: false,
  limitSensitive: false,
};

/**
 * Sharing with partners and personalised (cross-context behavioural) advertising are "sharing"
 * under Civ. Code §1798.140(ah): an opt-out of sale/sharing turns both off (§7026(f)).
 */
export const SHARING_CHOICES = ["partnerSharing", "personalizedAds"] as const satisfies readonly PrivacyChoice[];

export const ZPrivacyChoices = z.object(
  Object.fromEntries(PRIVACY_CHOICES.map((key) => [key, z.boolean()])) as Record<PrivacyChoice, z.ZodBoolean>,
);

export class PrivacyError extends Error {
  override name = "PrivacyError";
  constructor(readonly code: string) {
    super(code);
  }
}

function choicesOf(row: PrivacySetting | null): PrivacyChoices {
  if (!row) return { ...DEFAULT_CHOICES };
  return Object.fromEntries(PRIVACY_CHOICES.map((key) => [key, row[key]])) as PrivacyChoices;
}

/**
 * The choices as they will be stored. Opting out of sale/sharing switches the sharing choices off;
 * turning one on while staying opted out is a contradiction the page must show, not guess at.
 */
export function resolveChoices(current: PrivacyChoices, wanted: Partial<PrivacyChoices>): PrivacyChoices {
  const next = { ...current, ...wanted };
  if (next.optOutSaleSharing) {
    const turningOn = SHARING_CHOICES.some((key) => wanted[key] === true && !current[key]);
    if (current.optOutSaleSharing && turningOn) throw new PrivacyError("SHARING_WHILE_OPTED_OUT");
    for (const key of SHARING_CHOICES) next[key] = false;
  }
  return next;
}

type Owner = { userId: string } | { accountId: string };

/** Writes the changed choices of one setting row (created on first use) with their history. */
async function applyChoices(
  tx: DbTx,
  owner: Owner,
  wanted: Partial<PrivacyChoices>,
  change: { source: PrivacyChangeSource; actorUserId: string | null; requestId?: string | null; gpcAt?: Date },
) {
  // Created on first use without a race (two tabs, a signal and a click), then locked so
  // concurrent changes to the same consumer's choices apply one after the other.
  if ("userId" in owner) {
    await tx.$executeRaw`INSERT INTO "PrivacySetting" ("id", "userId", "updatedAt")
      VALUES (${randomUUID()}::uuid, ${owner.userId}::uuid, now()) ON CONFLICT ("userId") DO NOTHING`;
    await tx.$queryRaw`SELECT 1 FROM "PrivacySetting" WHERE "userId" = ${owner.userId}::uuid FOR UPDATE`;
  } else {
    await tx.$executeRaw`INSERT INTO "PrivacySetting" ("id", "accountId", "updatedAt")
      VALUES (${randomUUID()}::uuid, ${owner.accountId}::uuid, now()) ON CONFLICT ("accountId") DO NOTHING`;
    await tx.$queryRaw`SELECT 1 FROM "PrivacySetting" WHERE "accountId" = ${owner.accountId}::uuid FOR UPDATE`;
  }
  const locked = await tx.privacySetting.findUniqueOrThrow({ where: owner });
  const row = locked;
  const current = choicesOf(locked);
  const next = resolveChoices(current, wanted);
  const changed = PRIVACY_CHOICES.filter((key) => next[key] !== current[key]);
  if (changed.length > 0 || change.gpcAt) {
    await tx.privacySetting.update({
      where: { id: row.id },
      data: {
        ...Object.fromEntries(changed.map((key) => [key, next[key]])),
        ...(change.gpcAt ? { gpcHonouredAt: change.gpcAt } : {}),
      },
    });
  }
  if (changed.length > 0) {
    await tx.privacySettingChange.createMany({
      data: changed.map((field) => ({
        settingId: row.id,
        field,
        value: next[field],
        source: change.source,
        actorUserId: change.actorUserId,
        requestId: change.requestId ?? null,
      })),
    });
  }
  return { changed, choices: next };
}

export interface PrivacyCenterSettings {
  choices: PrivacyChoices;
  gpcHonouredAt: Date | null;
  /** An opt-out recorded for the whole service account (a public form, or the account holder). */
  account: { optOutSaleSharing: boolean; limitSensitive: boolean } | null;
  history: { field: string; value: boolean; source: PrivacyChangeSource; createdAt: Date }[];
}

/** The privacy center's settings: the consumer's choices and the history of every change. */
export async function getPrivacySettings(
  db: DbTx,
  actor: Pick<Actor, "id" | "accountId">,
): Promise<PrivacyCenterSettings> {
  const [mine, account] = await Promise.all([
    db.privacySetting.findUnique({
      where: { userId: actor.id },
      include: { changes: { orderBy: { createdAt: "desc" }, take: 100 } },
    }),
    actor.accountId ? db.privacySetting.findUnique({ where: { accountId: actor.accountId } }) : null,
  ]);
  return {
    choices: choicesOf(mine),
    gpcHonouredAt: mine?.gpcHonouredAt ?? null,
    account: account ? { optOutSaleSharing: account.optOutSaleSharing, limitSensitive: account.limitSensitive } : null,
    history: (mine?.changes ?? []).map((c) => ({
      field: c.field,
      value: c.value,
      source: c.source,
      createdAt: c.createdAt,
    })),
  };
}

/**
 * Saves the privacy center's form. The account holder's opt-outs also apply to the service
 * account, so they cover the household's service data, not just this login.
 */
export async function updatePrivacySettings(
  ctx: Ctx,
  actor: Pick<Actor, "id" | "accountId" | "membershipRole">,
  request: RequestContext,
  input: unknown,
) {
  const wanted = ZPrivacyChoices.parse(input);
  return ctx.db.$transaction(async (tx) => {
    const mine = await applyChoices(tx, { userId: actor.id }, wanted, { source: "USER", actorUserId: actor.id });
    if (actor.accountId && actor.membershipRole === "OWNER") {
      await applyChoices(
        tx,
        { accountId: actor.accountId },
        { optOutSaleSharing: mine.choices.optOutSaleSharing, limitSensitive: mine.choices.limitSensitive },
        { source: "USER", actorUserId: actor.id },
      );
    }
    if (mine.changed.length > 0) {
      await recordAuditEvent(tx, request, {
        action: "privacy.settings.changed",
        outcome: "SUCCESS",
        accountId: actor.accountId,
        target: actor.id,
        details: Object.fromEntries(mine.changed.map((key) => [key, mine.choices[key]])),
      });
    }
    return mine;
  });
}

/**
 * An opt-out preference signal (Sec-GPC: 1) from a signed-in consumer (§7025(c)): an opt-out of
 * sale/sharing for them, recorded with the signal as its source. Cheap when already honoured.
 */
export async function honourPreferenceSignal(
  ctx: Ctx,
  actor: Pick<Actor, "id" | "accountId" | "membershipRole">,
  request: RequestContext,
): Promise<{ changed: boolean }> {
  const current = await ctx.db.privacySetting.findUnique({
    where: { userId: actor.id },
    select: { optOutSaleSharing: true, gpcHonouredAt: true },
  });
  if (current?.optOutSaleSharing && current.gpcHonouredAt) return { changed: false };
  const now = ctx.now();
  return ctx.db.$transaction(async (tx) => {
    const signal = { source: "GPC" as const, actorUserId: actor.id, gpcAt: now };
    const mine = await applyChoices(tx, { userId: actor.id }, { optOutSaleSharing: true }, signal);
    if (actor.accountId && actor.membershipRole === "OWNER") {
      await applyChoices(tx, { accountId: actor.accountId }, { optOutSaleSharing: true }, signal);
    }
    if (mine.changed.length > 0) {
      await recordAuditEvent(tx, request, {
        action: "privacy.gpc.honoured",
        outcome: "SUCCESS",
        accountId: actor.accountId,
        target: actor.id,
      });
    }
    return { changed: mine.changed.length > 0 };
  });
}

/** Applies a public opt-out to the logins and accounts it matched (§7026, §7027). */
export async function applyPublicOptOut(
  tx: DbTx,
  targets: { userIds: string[]; accountIds: string[] },
  choice: "optOutSaleSharing" | "limitSensitive",
  requestId: string,
) {
  const change = { source: "PUBLIC_FORM" as const, actorUserId: null, requestId };
  let changed = 0;
  for (const userId of targets.userIds) {
    changed += (await applyChoices(tx, { userId }, { [choice]: true }, change)).changed.length;
  }
  for (const accountId of targets.accountIds) {
    changed += (await applyChoices(tx, { accountId }, { [choice]: true }, change)).changed.length;
  }
  return changed;
}
