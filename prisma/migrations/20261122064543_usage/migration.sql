-- AlterTable
ALTER TABLE "ServicePlan" ADD COLUMN     "dataCapGb" INTEGER;

-- CreateTable
CREATE TABLE "IngestionKey" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "IngestionKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageRecord" (
    "id" TEXT NOT NULL,
    "accountId" UUID NOT NULL,
    "deviceMac" TEXT NOT NULL DEFAULT '',
    "intervalStart" TIMESTAMP(3) NOT NULL,
    "intervalEnd" TIMESTAMP(3) NOT NULL,
    "bytesDown" BIGINT NOT NULL,
    "bytesUp" BIGINT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsageRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageDay" (
    "accountId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "deviceMac" TEXT NOT NULL DEFAULT '',
    "bytesDown" BIGINT NOT NULL DEFAULT 0,
    "bytesUp" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "UsageDay_pkey" PRIMARY KEY ("accountId","day","deviceMac")
);

-- CreateTable
CREATE TABLE "UsageAlert" (
    "accountId" UUID NOT NULL,
    "cycleStart" DATE NOT NULL,
    "threshold" TEXT NOT NULL,
    "usedBytes" BIGINT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsageAlert_pkey" PRIMARY KEY ("accountId","cycleStart","threshold")
);

-- CreateTable
CREATE TABLE "UsageAlertSettings" (
    "accountId" UUID NOT NULL,
    "thresholds" INTEGER[],
    "everyBlock" BOOLEAN NOT NULL DEFAULT true,
    "sms" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "UsageAlertSettings_pkey" PRIMARY KEY ("accountId")
);

-- CreateIndex
CREATE UNIQUE INDEX "IngestionKey_prefix_key" ON "IngestionKey"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "IngestionKey_secretHash_key" ON "IngestionKey"("secretHash");

-- CreateIndex
CREATE INDEX "UsageRecord_accountId_intervalStart_idx" ON "UsageRecord"("accountId", "intervalStart");

-- AddForeignKey
ALTER TABLE "UsageDay" ADD CONSTRAINT "UsageDay_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ServiceAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageAlert" ADD CONSTRAINT "UsageAlert_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ServiceAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageAlertSettings" ADD CONSTRAINT "UsageAlertSettings_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ServiceAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;
