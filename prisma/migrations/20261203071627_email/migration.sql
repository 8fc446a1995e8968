-- CreateEnum
CREATE TYPE "MailboxStatus" AS ENUM ('ACTIVE', 'LOCKED');

-- CreateEnum
CREATE TYPE "SpamLevel" AS ENUM ('OFF', 'STANDARD', 'STRICT');

-- CreateEnum
CREATE TYPE "SpamAction" AS ENUM ('FOLDER', 'DISCARD');

-- AlterEnum
ALTER TYPE "TokenPurpose" ADD VALUE 'FORWARD_CONFIRM';

-- CreateTable
CREATE TABLE "Mailbox" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "address" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "primary" BOOLEAN NOT NULL DEFAULT false,
    "userId" UUID,
    "passwordHash" TEXT NOT NULL,
    "passwordChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "MailboxStatus" NOT NULL DEFAULT 'ACTIVE',
    "lastLoginAt" TIMESTAMP(3),
    "lockedAt" TIMESTAMP(3),
    "quotaBytes" BIGINT NOT NULL,
    "usedBytes" BIGINT NOT NULL DEFAULT 0,
    "recoveryEmail" TEXT,
    "recoveryPhone" TEXT,
    "forwardKeepCopy" BOOLEAN NOT NULL DEFAULT true,
    "spamLevel" "SpamLevel" NOT NULL DEFAULT 'STANDARD',
    "spamAction" "SpamAction" NOT NULL DEFAULT 'FOLDER',
    "autoReplyEnabled" BOOLEAN NOT NULL DEFAULT false,
    "autoReplySubject" TEXT,
    "autoReplyBody" TEXT,
    "autoReplyStart" DATE,
    "autoReplyEnd" DATE,
    "autoReplyDays" INTEGER NOT NULL DEFAULT 7,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Mailbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailboxForward" (
    "id" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "address" TEXT NOT NULL,
    "confirmedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailboxForward_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailboxBlockedSender" (
    "id" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "pattern" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailboxBlockedSender_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SieveScript" (
    "mailboxId" UUID NOT NULL,
    "script" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "generatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SieveScript_pkey" PRIMARY KEY ("mailboxId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Mailbox_address_key" ON "Mailbox"("address");

-- CreateIndex
CREATE INDEX "Mailbox_accountId_idx" ON "Mailbox"("accountId");

-- CreateIndex
CREATE INDEX "MailboxForward_address_idx" ON "MailboxForward"("address");

-- CreateIndex
CREATE UNIQUE INDEX "MailboxForward_mailboxId_address_key" ON "MailboxForward"("mailboxId", "address");

-- CreateIndex
CREATE UNIQUE INDEX "MailboxBlockedSender_mailboxId_pattern_key" ON "MailboxBlockedSender"("mailboxId", "pattern");

-- AddForeignKey
ALTER TABLE "MailboxForward" ADD CONSTRAINT "MailboxForward_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailboxBlockedSender" ADD CONSTRAINT "MailboxBlockedSender_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SieveScript" ADD CONSTRAINT "SieveScript_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;
