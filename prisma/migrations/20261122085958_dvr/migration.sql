-- CreateEnum
CREATE TYPE "RecordingRuleKind" AS ENUM ('SINGLE', 'SERIES');

-- CreateEnum
CREATE TYPE "RecordingKeep" AS ENUM ('SPACE_NEEDED', 'UNTIL_DELETED');

-- CreateEnum
CREATE TYPE "RecordingStatus" AS ENUM ('RECORDING', 'COMPLETED', 'FAILED');

-- AlterTable
ALTER TABLE "Channel" ADD COLUMN     "recordable" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "Program" (
    "id" UUID NOT NULL,
    "channelId" TEXT NOT NULL,
    "programRef" TEXT NOT NULL,
    "seriesRef" TEXT,
    "season" INTEGER,
    "episode" INTEGER,
    "title" TEXT NOT NULL,
    "subtitle" TEXT,
    "description" TEXT,
    "genre" TEXT,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "isNew" BOOLEAN NOT NULL DEFAULT false,
    "originalAirDate" DATE,

    CONSTRAINT "Program_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecordingRule" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "profileId" UUID NOT NULL,
    "kind" "RecordingRuleKind" NOT NULL,
    "programId" UUID,
    "seriesRef" TEXT,
    "title" TEXT NOT NULL,
    "channelId" TEXT,
    "newOnly" BOOLEAN NOT NULL DEFAULT false,
    "keepLatest" INTEGER,
    "keep" "RecordingKeep" NOT NULL DEFAULT 'SPACE_NEEDED',
    "paddingBeforeMin" INTEGER NOT NULL DEFAULT 0,
    "paddingAfterMin" INTEGER NOT NULL DEFAULT 0,
    "priority" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RecordingRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Recording" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "profileId" UUID NOT NULL,
    "ruleId" UUID,
    "programId" UUID,
    "programRef" TEXT NOT NULL,
    "seriesRef" TEXT,
    "title" TEXT NOT NULL,
    "subtitle" TEXT,
    "description" TEXT,
    "season" INTEGER,
    "episode" INTEGER,
    "genre" TEXT,
    "channelId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "status" "RecordingStatus" NOT NULL,
    "protected" BOOLEAN NOT NULL DEFAULT false,
    "keep" "RecordingKeep" NOT NULL DEFAULT 'SPACE_NEEDED',
    "folderId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Recording_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DvrFolder" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DvrFolder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Program_startsAt_idx" ON "Program"("startsAt");

-- CreateIndex
CREATE INDEX "Program_seriesRef_idx" ON "Program"("seriesRef");

-- CreateIndex
CREATE INDEX "Program_programRef_idx" ON "Program"("programRef");

-- CreateIndex
CREATE UNIQUE INDEX "Program_channelId_startsAt_key" ON "Program"("channelId", "startsAt");

-- CreateIndex
CREATE INDEX "RecordingRule_accountId_priority_idx" ON "RecordingRule"("accountId", "priority");

-- CreateIndex
CREATE INDEX "Recording_accountId_startsAt_idx" ON "Recording"("accountId", "startsAt");

-- CreateIndex
CREATE INDEX "Recording_accountId_seriesRef_idx" ON "Recording"("accountId", "seriesRef");

-- CreateIndex
CREATE UNIQUE INDEX "Recording_accountId_programId_key" ON "Recording"("accountId", "programId");

-- CreateIndex
CREATE UNIQUE INDEX "DvrFolder_accountId_name_key" ON "DvrFolder"("accountId", "name");

-- AddForeignKey
ALTER TABLE "Program" ADD CONSTRAINT "Program_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recording" ADD CONSTRAINT "Recording_folderId_fkey" FOREIGN KEY ("folderId") REFERENCES "DvrFolder"("id") ON DELETE SET NULL ON UPDATE CASCADE;
