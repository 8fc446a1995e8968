-- AlterTable
ALTER TABLE "RecordingRule" ADD COLUMN     "skippedProgramIds" UUID[] DEFAULT ARRAY[]::UUID[];
