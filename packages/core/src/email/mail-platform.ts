import { createHash } from "node:crypto";
import type { DbTx } from "@homeport/db";

/**
 * What Homeport asks of the provider's mail platform. The default keeps each mailbox's Sieve
 * script in the database (the mailbox page offers it for download); a deployment with a real
 * platform (Dovecot with ManageSieve, a vendor API) implements the same port.
 */
export interface MailPlatform {
  /** Makes `script` the mailbox's active Sieve script; called in the transaction that changed the rules. */
  publishSieve(tx: DbTx, mailboxId: string, script: string): Promise<void>;
}

export const databaseMailPlatform: MailPlatform = {
  async publishSieve(tx, mailboxId, script) {
    const sha256 = createHash("sha256").update(script).digest("hex");
    await tx.sieveScript.upsert({
      where: { mailboxId },
      create: { mailboxId, script, sha256 },
      update: { script, sha256, generatedAt: new Date() },
    });
  },
};
