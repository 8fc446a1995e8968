-- CreateEnum
CREATE TYPE "EquipmentStatus" AS ENUM ('ONLINE', 'OFFLINE', 'RESTARTING');

-- CreateEnum
CREATE TYPE "DeviceOperationKind" AS ENUM ('RESTART', 'WIFI_CHANGE');

-- CreateEnum
CREATE TYPE "DeviceOperationStatus" AS ENUM ('PENDING', 'APPLIED', 'FAILED');

-- CreateEnum
CREATE TYPE "WifiSecurity" AS ENUM ('WPA2', 'WPA2_WPA3', 'WPA3');

-- CreateEnum
CREATE TYPE "OutageStatus" AS ENUM ('INVESTIGATING', 'IDENTIFIED', 'RESOLVED');

-- CreateEnum
CREATE TYPE "AppointmentKind" AS ENUM ('SERVICE_ISSUE', 'INSTALLATION');

-- CreateEnum
CREATE TYPE "AppointmentStatus" AS ENUM ('SCHEDULED', 'CANCELLED', 'COMPLETED');

-- CreateEnum
CREATE TYPE "SupportTicketKind" AS ENUM ('CALLBACK', 'EQUIPMENT_RETURN', 'EQUIPMENT_REPLACE');

-- CreateEnum
CREATE TYPE "SupportTicketStatus" AS ENUM ('OPEN', 'IN_PROGRESS', 'RESOLVED', 'CANCELLED');

-- AlterTable
ALTER TABLE "ServicePlan" ADD COLUMN     "dvrHours" INTEGER,
ADD COLUMN     "dvrStreams" INTEGER,
ADD COLUMN     "promoCents" INTEGER,
ADD COLUMN     "promoMonths" INTEGER,
ADD COLUMN     "tier" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Equipment" ADD COLUMN     "status" "EquipmentStatus" NOT NULL DEFAULT 'ONLINE',
ADD COLUMN     "statusAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Channel" (
    "id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "callSign" TEXT NOT NULL,
    "hd" BOOLEAN NOT NULL DEFAULT true,
    "category" TEXT NOT NULL,

    CONSTRAINT "Channel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanChannel" (
    "planId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,

    CONSTRAINT "PlanChannel_pkey" PRIMARY KEY ("planId","channelId")
);

-- CreateTable
CREATE TABLE "DeviceOperation" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "equipmentId" UUID NOT NULL,
    "kind" "DeviceOperationKind" NOT NULL,
    "status" "DeviceOperationStatus" NOT NULL DEFAULT 'PENDING',
    "gatewayRef" TEXT NOT NULL,
    "requestedById" UUID,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),
    "failureCode" TEXT,

    CONSTRAINT "DeviceOperation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WifiNetwork" (
    "equipmentId" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "ssid" TEXT NOT NULL,
    "passwordSealed" TEXT NOT NULL,
    "security" "WifiSecurity" NOT NULL DEFAULT 'WPA2_WPA3',
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "pendingSsid" TEXT,
    "pendingPassword" TEXT,
    "pendingOperationId" UUID,

    CONSTRAINT "WifiNetwork_pkey" PRIMARY KEY ("equipmentId")
);

-- CreateTable
CREATE TABLE "Outage" (
    "id" UUID NOT NULL,
    "externalRef" TEXT NOT NULL,
    "zips" TEXT[],
    "services" "ServiceKind"[],
    "status" "OutageStatus" NOT NULL,
    "cause" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "etaAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Outage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutageCredit" (
    "outageId" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "chargeId" UUID NOT NULL,
    "hours" INTEGER NOT NULL,
    "days" INTEGER NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutageCredit_pkey" PRIMARY KEY ("outageId","accountId")
);

-- CreateTable
CREATE TABLE "TechnicianWindow" (
    "id" UUID NOT NULL,
    "area" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "capacity" INTEGER NOT NULL,
    "booked" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TechnicianWindow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Appointment" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "windowId" UUID NOT NULL,
    "kind" "AppointmentKind" NOT NULL,
    "status" "AppointmentStatus" NOT NULL DEFAULT 'SCHEDULED',
    "issue" TEXT NOT NULL,
    "details" TEXT,
    "contactPhone" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "cancelledAt" TIMESTAMP(3),
    "reminderSentAt" TIMESTAMP(3),

    CONSTRAINT "Appointment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupportTicket" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "accountId" UUID NOT NULL,
    "createdById" UUID,
    "kind" "SupportTicketKind" NOT NULL,
    "status" "SupportTicketStatus" NOT NULL DEFAULT 'OPEN',
    "topic" TEXT NOT NULL,
    "details" TEXT,
    "phone" TEXT,
    "preferredDate" DATE,
    "preferredSlot" TEXT,
    "equipmentId" UUID,
    "staffNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "SupportTicket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HelpArticle" (
    "slug" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "keywords" TEXT[],
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HelpArticle_pkey" PRIMARY KEY ("slug","locale")
);

-- CreateIndex
CREATE UNIQUE INDEX "Channel_number_key" ON "Channel"("number");

-- CreateIndex
CREATE INDEX "PlanChannel_channelId_idx" ON "PlanChannel"("channelId");

-- CreateIndex
CREATE INDEX "DeviceOperation_equipmentId_requestedAt_idx" ON "DeviceOperation"("equipmentId", "requestedAt" DESC);

-- CreateIndex
CREATE INDEX "DeviceOperation_status_idx" ON "DeviceOperation"("status");

-- CreateIndex
CREATE INDEX "WifiNetwork_accountId_idx" ON "WifiNetwork"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "Outage_externalRef_key" ON "Outage"("externalRef");

-- CreateIndex
CREATE INDEX "Outage_status_idx" ON "Outage"("status");

-- CreateIndex
CREATE UNIQUE INDEX "OutageCredit_chargeId_key" ON "OutageCredit"("chargeId");

-- CreateIndex
CREATE INDEX "OutageCredit_accountId_idx" ON "OutageCredit"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "TechnicianWindow_area_startsAt_key" ON "TechnicianWindow"("area", "startsAt");

-- CreateIndex
CREATE INDEX "Appointment_accountId_status_idx" ON "Appointment"("accountId", "status");

-- CreateIndex
CREATE INDEX "Appointment_status_windowId_idx" ON "Appointment"("status", "windowId");

-- CreateIndex
CREATE UNIQUE INDEX "SupportTicket_reference_key" ON "SupportTicket"("reference");

-- CreateIndex
CREATE INDEX "SupportTicket_status_createdAt_idx" ON "SupportTicket"("status", "createdAt");

-- CreateIndex
CREATE INDEX "SupportTicket_accountId_createdAt_idx" ON "SupportTicket"("accountId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "HelpArticle_locale_category_idx" ON "HelpArticle"("locale", "category");

-- AddForeignKey
ALTER TABLE "PlanChannel" ADD CONSTRAINT "PlanChannel_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ServicePlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanChannel" ADD CONSTRAINT "PlanChannel_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceOperation" ADD CONSTRAINT "DeviceOperation_equipmentId_fkey" FOREIGN KEY ("equipmentId") REFERENCES "Equipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WifiNetwork" ADD CONSTRAINT "WifiNetwork_equipmentId_fkey" FOREIGN KEY ("equipmentId") REFERENCES "Equipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutageCredit" ADD CONSTRAINT "OutageCredit_outageId_fkey" FOREIGN KEY ("outageId") REFERENCES "Outage"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_windowId_fkey" FOREIGN KEY ("windowId") REFERENCES "TechnicianWindow"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
