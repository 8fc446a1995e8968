import type { Db, DbTx, Prisma } from "@homeport/db";
import {
  delegateOf,
  PRIVACY_INVENTORY,
  type PrivacySubject,
  resolveSubjectKeys,
  type RetentionBasis,
  type SubjectKeys,
} from "./inventory.ts";

/** What a deletion did, recorded on the request and told to the consumer (§7022(f), §7101). */
export interface EraseReport {
  erased: Record<string, number>;
  deidentified: Record<string, number>;
  kept: { model: string; basis: RetentionBasis }[];
}

/**
 * `PrivacyRequest.progress` while and after a deletion runs. `keys` are the subject's lookups
 * (email, profiles) taken before the first step, since later steps remove the rows they come
 * from; they are dropped once every step is done, so the kept request holds only the report.
 */
export interface EraseProgress {
  done: string[];
  report: EraseReport;
  keys?: SubjectKeys;
}

export interface EraseInput {
  requestId: string;
  subject: PrivacySubject;
  now: Date;
  /** Runs after each step is committed; tests throw from it to simulate a crash. */
  afterEntry?: (model: string) => void | Promise<void>;
}

const emptyReport = (): EraseReport => ({ erased: {}, deidentified: {}, kept: [] });

function readProgress(value: Prisma.JsonValue | null): EraseProgress | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const progress = value as unknown as Partial<EraseProgress>;
  if (!Array.isArray(progress.done) || typeof progress.report !== "object" || progress.report === null) return null;
  return progress as EraseProgress;
}

async function lockProgress(tx: DbTx, requestId: string): Promise<EraseProgress | null> {
  const rows = await tx.$queryRaw<{ progress: Prisma.JsonValue | null }[]>`
    SELECT "progress" FROM "PrivacyRequest" WHERE "id" = ${requestId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw new Error(`Privacy request ${requestId} does not exist`);
  return readProgress(rows[0]!.progress);
}

/**
 * Carries out a deletion request (Civ. Code §1798.105, 11 CCR §7022): each inventory entry in
 * order is erased, de-identified or kept under its retention basis. Every step commits together
 * with the progress that records it, so a job that dies between steps resumes at the next one,
 * two workers never run the same step twice (the request row is locked), and a run after
 * completion changes nothing and returns the recorded report.
 */
export async function eraseSubject(db: Db, input: EraseInput): Promise<EraseReport> {
  const stored = readProgress(
    (
      await db.privacyRequest.findUniqueOrThrow({
        where: { id: input.requestId },
        select: { progress: true },
      })
    ).progress,
  );
  // Lookups are taken before the first step commits; a run that died before it takes them again.
  let keys = stored?.keys ?? (stored ? null : await resolveSubjectKeys(db, input.subject));
  let report = stored?.report ?? emptyReport();
  const last = PRIVACY_INVENTORY[PRIVACY_INVENTORY.length - 1]!.model;

  for (const entry of PRIVACY_INVENTORY) {
    if (stored?.done.includes(entry.model)) continue;
    const progress = await db.$transaction(async (tx) => {
      const current = await lockProgress(tx, input.requestId);
      if (current?.done.includes(entry.model)) return current;
      const subjectKeys = current?.keys ?? keys;
      if (!subjectKeys) throw new Error(`Privacy request ${input.requestId} lost its subject keys mid-deletion`);
      const next: EraseReport = structuredClone(current?.report ?? emptyReport());

      const where = entry.where(subjectKeys);
      if (where !== null) {
        const delegate = delegateOf(tx, entry);
        const { onDelete } = entry;
        if (onDelete.action === "erase") {
          await entry.beforeErase?.(tx, where, input.now);
          next.erased[entry.model] = (await delegate.deleteMany({ where })).count;
        } else if (onDelete.action === "deidentify") {
          next.deidentified[entry.model] = (await delegate.updateMany({ where, data: onDelete.set })).count;
        } else if ((await delegate.count({ where })) > 0) {
          next.kept.push({ model: entry.model, basis: onDelete.basis });
        }
      }

      const done = [...(current?.done ?? []), entry.model];
      const finished = entry.model === last;
      const written: EraseProgress = finished ? { done, report: next } : { done, report: next, keys: subjectKeys };
      await tx.privacyRequest.update({
        where: { id: input.requestId },
        data: { progress: written as unknown as Prisma.InputJsonValue, updatedAt: input.now },
      });
      return written;
    });
    keys = progress.keys ?? keys;
    report = progress.report;
    await input.afterEntry?.(entry.model);
  }
  return report;
}
