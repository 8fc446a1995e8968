-- CreateEnum
CREATE TYPE "AnomalyStatus" AS ENUM ('OPEN', 'ACKNOWLEDGED', 'ESCALATED', 'RESOLVED');

-- AlterEnum
ALTER TYPE "TokenPurpose" ADD VALUE 'STAFF_INVITE';

-- AlterTable
ALTER TABLE "ServiceAccount" ADD COLUMN     "lockReason" TEXT,
ADD COLUMN     "lockedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "AnomalyFlag" (
    "id" UUID NOT NULL,
    "rule" TEXT NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "accountId" UUID,
    "userId" UUID,
    "ip" TEXT,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "eventCount" INTEGER NOT NULL,
    "details" JSONB NOT NULL,
    "status" "AnomalyStatus" NOT NULL DEFAULT 'OPEN',
    "severity" INTEGER NOT NULL DEFAULT 2,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnomalyFlag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnomalyNote" (
    "id" UUID NOT NULL,
    "flagId" UUID NOT NULL,
    "actorUserId" UUID,
    "action" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnomalyNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AnomalyFlag_status_createdAt_idx" ON "AnomalyFlag"("status", "createdAt");

-- CreateIndex
CREATE INDEX "AnomalyFlag_accountId_idx" ON "AnomalyFlag"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "AnomalyFlag_rule_subjectKey_windowStart_key" ON "AnomalyFlag"("rule", "subjectKey", "windowStart");

-- CreateIndex
CREATE INDEX "AnomalyNote_flagId_createdAt_idx" ON "AnomalyNote"("flagId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_ip_occurredAt_idx" ON "AuditEvent"("ip", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_action_occurredAt_idx" ON "AuditEvent"("action", "occurredAt" DESC);

-- AddForeignKey
ALTER TABLE "AnomalyNote" ADD CONSTRAINT "AnomalyNote_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "AnomalyFlag"("id") ON DELETE CASCADE ON UPDATE CASCADE;
