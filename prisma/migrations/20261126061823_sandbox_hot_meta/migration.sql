-- AlterTable
ALTER TABLE "Sandbox" ADD COLUMN     "hot" JSONB;
