import type { DbTx } from "@homeport/db";
import type { CoreContext } from "../context.ts";
import { enqueueMessage } from "./enqueue-message.ts";
import { renderTemplate, type TemplateName } from "./templates.ts";

/** Renders a template in the recipient's language and queues it, in the caller's transaction. */
export function sendTemplatedEmail(
  ctx: Pick<CoreContext, "transports" | "profile">,
  db: DbTx,
  to: { email: string; locale: string | null },
  template: TemplateName,
  values: Record<string, string>,
) {
  const message = renderTemplate(template, to.locale, { brand: ctx.profile.brandName, ...values });
  return enqueueMessage(db, ctx.transports, {
    channel: "EMAIL",
    recipient: to.email,
    subject: message.subject,
    body: message.body,
  });
}
