-- CreateEnum
CREATE TYPE "PrivacyChangeSource" AS ENUM ('USER', 'PUBLIC_FORM', 'GPC', 'STAFF');

-- CreateEnum
CREATE TYPE "PrivacyRequestType" AS ENUM ('KNOW_CATEGORIES', 'KNOW_SPECIFIC', 'DELETE', 'CORRECT', 'OPT_OUT_SALE_SHARING', 'LIMIT_SENSITIVE');

-- CreateEnum
CREATE TYPE "PrivacyRequestChannel" AS ENUM ('PORTAL', 'PUBLIC_FORM', 'AUTHORIZED_AGENT', 'GPC');

-- CreateEnum
CREATE TYPE "PrivacyRequestStatus" AS ENUM ('RECEIVED', 'VERIFIED', 'IN_PROGRESS', 'COMPLETED', 'DENIED');

-- CreateEnum
CREATE TYPE "PrivacyOutcome" AS ENUM ('COMPLIED', 'COMPLIED_IN_PART', 'DENIED');

-- CreateTable
CREATE TABLE "PrivacySetting" (
    "id" UUID NOT NULL,
    "userId" UUID,
    "accountId" UUID,
    "marketingEmail" BOOLEAN NOT NULL DEFAULT true,
    "marketingSms" BOOLEAN NOT NULL DEFAULT false,
    "marketingCalls" BOOLEAN NOT NULL DEFAULT false,
    "partnerSharing" BOOLEAN NOT NULL DEFAULT true,
    "personalizedAds" BOOLEAN NOT NULL DEFAULT true,
    "optOutSaleSharing" BOOLEAN NOT NULL DEFAULT false,
    "limitSensitive" BOOLEAN NOT NULL DEFAULT false,
    "gpcHonouredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PrivacySetting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrivacySettingChange" (
    "id" UUID NOT NULL,
    "settingId" UUID NOT NULL,
    "field" TEXT NOT NULL,
    "value" BOOLEAN NOT NULL,
    "source" "PrivacyChangeSource" NOT NULL,
    "actorUserId" UUID,
    "requestId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PrivacySettingChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrivacyRequest" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "type" "PrivacyRequestType" NOT NULL,
    "channel" "PrivacyRequestChannel" NOT NULL,
    "status" "PrivacyRequestStatus" NOT NULL DEFAULT 'RECEIVED',
    "userId" UUID,
    "accountId" UUID,
    "claimed" JSONB NOT NULL,
    "verification" JSONB,
    "declarationSignedAt" TIMESTAMP(3),
    "declarationName" TEXT,
    "agentName" TEXT,
    "agentEmail" TEXT,
    "correction" JSONB,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" TIMESTAMP(3),
    "verifiedAt" TIMESTAMP(3),
    "dueAt" TIMESTAMP(3) NOT NULL,
    "extendedAt" TIMESTAMP(3),
    "extensionReason" TEXT,
    "completedAt" TIMESTAMP(3),
    "outcome" "PrivacyOutcome",
    "denialReason" TEXT,
    "response" JSONB,
    "assignedToId" UUID,
    "progress" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PrivacyRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrivacyRequestEvent" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "actorUserId" UUID,
    "kind" TEXT NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PrivacyRequestEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrivacyExport" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "downloadedAt" TIMESTAMP(3),

    CONSTRAINT "PrivacyExport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrivacyUpload" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "storedName" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PrivacyUpload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PrivacySetting_userId_key" ON "PrivacySetting"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "PrivacySetting_accountId_key" ON "PrivacySetting"("accountId");

-- CreateIndex
CREATE INDEX "PrivacySettingChange_settingId_createdAt_idx" ON "PrivacySettingChange"("settingId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PrivacyRequest_reference_key" ON "PrivacyRequest"("reference");

-- CreateIndex
CREATE INDEX "PrivacyRequest_status_dueAt_idx" ON "PrivacyRequest"("status", "dueAt");

-- CreateIndex
CREATE INDEX "PrivacyRequest_userId_idx" ON "PrivacyRequest"("userId");

-- CreateIndex
CREATE INDEX "PrivacyRequest_type_receivedAt_idx" ON "PrivacyRequest"("type", "receivedAt");

-- CreateIndex
CREATE INDEX "PrivacyRequestEvent_requestId_createdAt_idx" ON "PrivacyRequestEvent"("requestId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PrivacyExport_requestId_key" ON "PrivacyExport"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "PrivacyUpload_storedName_key" ON "PrivacyUpload"("storedName");

-- CreateIndex
CREATE INDEX "PrivacyUpload_requestId_idx" ON "PrivacyUpload"("requestId");

-- AddForeignKey
ALTER TABLE "PrivacySettingChange" ADD CONSTRAINT "PrivacySettingChange_settingId_fkey" FOREIGN KEY ("settingId") REFERENCES "PrivacySetting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrivacyRequestEvent" ADD CONSTRAINT "PrivacyRequestEvent_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "PrivacyRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrivacyExport" ADD CONSTRAINT "PrivacyExport_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "PrivacyRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrivacyUpload" ADD CONSTRAINT "PrivacyUpload_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "PrivacyRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
