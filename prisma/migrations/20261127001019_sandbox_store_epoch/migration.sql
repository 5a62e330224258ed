-- AlterTable
ALTER TABLE "Sandbox" ADD COLUMN     "storeEpoch" INTEGER NOT NULL DEFAULT 0;
