-- CreateEnum
CREATE TYPE "ServiceKind" AS ENUM ('INTERNET', 'TV', 'PHONE');

-- CreateEnum
CREATE TYPE "EquipmentKind" AS ENUM ('MODEM', 'ROUTER', 'TV_RECEIVER', 'PHONE_ADAPTER');

-- CreateEnum
CREATE TYPE "StatementLineKind" AS ENUM ('SERVICE', 'EQUIPMENT', 'ONE_TIME', 'CREDIT', 'FEE', 'TAX');

-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('PENDING', 'REQUIRES_ACTION', 'SUCCEEDED', 'FAILED', 'REFUNDED');

-- CreateEnum
CREATE TYPE "PaymentSource" AS ENUM ('ONE_TIME', 'AUTOPAY');

-- CreateEnum
CREATE TYPE "PaymentGatewayKind" AS ENUM ('DEMO', 'STRIPE');

-- CreateEnum
CREATE TYPE "PaymentMethodKind" AS ENUM ('CARD', 'BANK_ACCOUNT');

-- CreateEnum
CREATE TYPE "ArrangementStatus" AS ENUM ('ACTIVE', 'KEPT', 'BROKEN', 'CANCELLED');

-- AlterTable
ALTER TABLE "ServiceAccount" ADD COLUMN     "cycleDay" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "gatewayCustomerId" TEXT,
ADD COLUMN     "paperless" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "paperlessChangedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "dedupeKey" TEXT;

-- CreateTable
CREATE TABLE "ServicePlan" (
    "id" TEXT NOT NULL,
    "kind" "ServiceKind" NOT NULL,
    "name" TEXT NOT NULL,
    "monthlyCents" INTEGER NOT NULL,
    "features" JSONB NOT NULL DEFAULT '[]',
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "ServicePlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Subscription" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "planId" TEXT NOT NULL,
    "priceCents" INTEGER NOT NULL,
    "promoCents" INTEGER,
    "promoEndsOn" DATE,
    "startedOn" DATE NOT NULL,
    "endedOn" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Equipment" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "kind" "EquipmentKind" NOT NULL,
    "model" TEXT NOT NULL,
    "serialNumber" TEXT NOT NULL,
    "macAddress" TEXT,
    "monthlyFeeCents" INTEGER NOT NULL DEFAULT 0,
    "installedOn" DATE NOT NULL,
    "returnedOn" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Equipment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountCharge" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "kind" "StatementLineKind" NOT NULL,
    "code" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "chargedOn" DATE NOT NULL,
    "values" JSONB NOT NULL DEFAULT '{}',
    "sourceKey" TEXT NOT NULL,
    "statementId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountCharge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Statement" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "dueOn" DATE NOT NULL,
    "previousBalanceCents" INTEGER NOT NULL,
    "paymentsCents" INTEGER NOT NULL,
    "newChargesCents" INTEGER NOT NULL,
    "totalDueCents" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Statement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatementLine" (
    "id" UUID NOT NULL,
    "statementId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "StatementLineKind" NOT NULL,
    "service" "ServiceKind",
    "code" TEXT NOT NULL,
    "name" TEXT,
    "amountCents" INTEGER NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "StatementLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentMethod" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "kind" "PaymentMethodKind" NOT NULL,
    "brand" TEXT NOT NULL,
    "last4" CHAR(4) NOT NULL,
    "expMonth" INTEGER,
    "expYear" INTEGER,
    "gateway" "PaymentGatewayKind" NOT NULL,
    "gatewayRef" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMP(3),

    CONSTRAINT "PaymentMethod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "status" "PaymentStatus" NOT NULL DEFAULT 'PENDING',
    "source" "PaymentSource" NOT NULL,
    "gateway" "PaymentGatewayKind" NOT NULL,
    "methodId" UUID,
    "methodKind" "PaymentMethodKind" NOT NULL,
    "methodBrand" TEXT NOT NULL,
    "methodLast4" CHAR(4) NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "requestKey" TEXT,
    "gatewayRef" TEXT,
    "failureCode" TEXT,
    "receiptNumber" TEXT NOT NULL,
    "statementId" UUID,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settledAt" TIMESTAMP(3),

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AutopayEnrollment" (
    "accountId" UUID NOT NULL,
    "paymentMethodId" UUID NOT NULL,
    "enrolledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "enrolledById" UUID,

    CONSTRAINT "AutopayEnrollment_pkey" PRIMARY KEY ("accountId")
);

-- CreateTable
CREATE TABLE "PaymentArrangement" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "payBy" DATE NOT NULL,
    "status" "ArrangementStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "PaymentArrangement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedGatewayEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "processedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedGatewayEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Subscription_accountId_startedOn_idx" ON "Subscription"("accountId", "startedOn");

-- CreateIndex
CREATE UNIQUE INDEX "Equipment_serialNumber_key" ON "Equipment"("serialNumber");

-- CreateIndex
CREATE INDEX "Equipment_accountId_idx" ON "Equipment"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "AccountCharge_sourceKey_key" ON "AccountCharge"("sourceKey");

-- CreateIndex
CREATE INDEX "AccountCharge_accountId_statementId_idx" ON "AccountCharge"("accountId", "statementId");

-- CreateIndex
CREATE INDEX "Statement_accountId_issuedAt_idx" ON "Statement"("accountId", "issuedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Statement_accountId_periodStart_key" ON "Statement"("accountId", "periodStart");

-- CreateIndex
CREATE UNIQUE INDEX "StatementLine_statementId_position_key" ON "StatementLine"("statementId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentMethod_gatewayRef_key" ON "PaymentMethod"("gatewayRef");

-- CreateIndex
CREATE INDEX "PaymentMethod_accountId_removedAt_idx" ON "PaymentMethod"("accountId", "removedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_idempotencyKey_key" ON "Payment"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_requestKey_key" ON "Payment"("requestKey");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_gatewayRef_key" ON "Payment"("gatewayRef");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_receiptNumber_key" ON "Payment"("receiptNumber");

-- CreateIndex
CREATE INDEX "Payment_accountId_createdAt_idx" ON "Payment"("accountId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Payment_status_createdAt_idx" ON "Payment"("status", "createdAt");

-- CreateIndex
CREATE INDEX "PaymentArrangement_accountId_status_idx" ON "PaymentArrangement"("accountId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceAccount_gatewayCustomerId_key" ON "ServiceAccount"("gatewayCustomerId");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_dedupeKey_key" ON "Notification"("dedupeKey");

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ServiceAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ServicePlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Equipment" ADD CONSTRAINT "Equipment_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ServiceAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountCharge" ADD CONSTRAINT "AccountCharge_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ServiceAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountCharge" ADD CONSTRAINT "AccountCharge_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Statement" ADD CONSTRAINT "Statement_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ServiceAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementLine" ADD CONSTRAINT "StatementLine_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentMethod" ADD CONSTRAINT "PaymentMethod_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ServiceAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ServiceAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_methodId_fkey" FOREIGN KEY ("methodId") REFERENCES "PaymentMethod"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AutopayEnrollment" ADD CONSTRAINT "AutopayEnrollment_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ServiceAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AutopayEnrollment" ADD CONSTRAINT "AutopayEnrollment_paymentMethodId_fkey" FOREIGN KEY ("paymentMethodId") REFERENCES "PaymentMethod"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentArrangement" ADD CONSTRAINT "PaymentArrangement_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ServiceAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- One active payment arrangement per account
CREATE UNIQUE INDEX "PaymentArrangement_one_active_per_account" ON "PaymentArrangement"("accountId") WHERE "status" = 'ACTIVE';

-- One default among the saved methods still in use
CREATE UNIQUE INDEX "PaymentMethod_one_default_per_account" ON "PaymentMethod"("accountId") WHERE "isDefault" AND "removedAt" IS NULL;

-- Money is whole cents and payments are positive
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_amount_positive" CHECK ("amountCents" > 0);
ALTER TABLE "PaymentArrangement" ADD CONSTRAINT "PaymentArrangement_amount_positive" CHECK ("amountCents" > 0);
