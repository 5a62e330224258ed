-- AlterTable
ALTER TABLE "SandboxLog" ADD COLUMN     "count" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "packed" BYTEA,
ALTER COLUMN "data" DROP NOT NULL;

-- The packed entries are deflated already: no compression attempt by TOAST, and rows
-- up to a page stay inline (one heap tuple, no TOAST chunks) - not expressible in Prisma.
ALTER TABLE "SandboxLog" ALTER COLUMN "packed" SET STORAGE EXTERNAL;
ALTER TABLE "SandboxLog" SET (toast_tuple_target = 8160);
