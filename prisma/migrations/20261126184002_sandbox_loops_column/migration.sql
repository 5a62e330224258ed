-- AlterTable
ALTER TABLE "Sandbox" ADD COLUMN     "loops" JSONB;
