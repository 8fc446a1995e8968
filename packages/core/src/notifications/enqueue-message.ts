import type { DbTx } from "@homeport/db";
import type { OutgoingMessage, Transports } from "./transports.ts";

/**
 * Writes an email or text to the outbox in the caller's transaction, so a message is sent if and
 * only if the change that caused it commits. With no transport for its channel the message is
 * CAPTURED: kept for the development outbox instead of sent.
 */
export function enqueueMessage(db: DbTx, transports: Transports, message: OutgoingMessage) {
  return db.outboxMessage.create({
    data: {
      channel: message.channel,
      recipient: message.recipient,
      subject: message.subject ?? null,
      body: message.body,
      status: transports[message.channel] ? "PENDING" : "CAPTURED",
    },
  });
}
