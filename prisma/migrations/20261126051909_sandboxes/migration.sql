-- CreateTable
CREATE TABLE "Sandbox" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "meta" JSONB NOT NULL,
    "timeOffsetMs" BIGINT NOT NULL DEFAULT 0,
    "logSeq" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Sandbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SandboxKv" (
    "sandboxId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "created" BOOLEAN NOT NULL,
    "deleted" BOOLEAN NOT NULL,
    "createRevision" INTEGER NOT NULL,
    "prevRevision" INTEGER NOT NULL,
    "lease" BIGINT NOT NULL,
    "version" INTEGER NOT NULL,
    "value" BYTEA NOT NULL,

    CONSTRAINT "SandboxKv_pkey" PRIMARY KEY ("sandboxId","revision")
);

-- CreateTable
CREATE TABLE "SandboxLog" (
    "sandboxId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "data" JSONB NOT NULL,

    CONSTRAINT "SandboxLog_pkey" PRIMARY KEY ("sandboxId","seq")
);

-- CreateIndex
CREATE INDEX "Sandbox_ownerId_idx" ON "Sandbox"("ownerId");

-- AddForeignKey
ALTER TABLE "SandboxKv" ADD CONSTRAINT "SandboxKv_sandboxId_fkey" FOREIGN KEY ("sandboxId") REFERENCES "Sandbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SandboxLog" ADD CONSTRAINT "SandboxLog_sandboxId_fkey" FOREIGN KEY ("sandboxId") REFERENCES "Sandbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;
