import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import { type Actor, requireOwner } from "../identity/actor.ts";

export async function setPaperless(
  ctx: Pick<CoreContext, "db" | "now">,
  actor: Actor,
  paperless: boolean,
  request: RequestContext,
) {
  const accountId = requireOwner(actor);
  await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.serviceAccount.updateMany({
      where: { id: accountId, paperless: !paperless },
      data: { paperless, paperlessChangedAt: ctx.now() },
    });
    if (count === 1) {
      await recordAuditEvent(tx, request, {
        action: paperless ? "billing.paperless_on" : "billing.paperless_off",
        outcome: "SUCCESS",
        accountId,
      });
    }
  });
}
