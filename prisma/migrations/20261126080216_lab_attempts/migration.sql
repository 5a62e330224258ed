-- AlterTable
ALTER TABLE "Sandbox" ADD COLUMN     "labId" TEXT;

-- CreateTable
CREATE TABLE "LabAttempt" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "labId" TEXT NOT NULL,
    "sandboxId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "score" INTEGER NOT NULL,
    "maxScore" INTEGER NOT NULL,
    "results" JSONB NOT NULL,

    CONSTRAINT "LabAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabTaskPass" (
    "userId" TEXT NOT NULL,
    "labId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "firstPassedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attemptId" TEXT NOT NULL,

    CONSTRAINT "LabTaskPass_pkey" PRIMARY KEY ("userId","labId","taskId")
);

-- CreateTable
CREATE TABLE "LabHintReveal" (
    "userId" TEXT NOT NULL,
    "labId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "revealed" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LabHintReveal_pkey" PRIMARY KEY ("userId","labId","taskId")
);

-- CreateIndex
CREATE INDEX "LabAttempt_userId_labId_createdAt_idx" ON "LabAttempt"("userId", "labId", "createdAt");

-- CreateIndex
CREATE INDEX "LabAttempt_labId_createdAt_idx" ON "LabAttempt"("labId", "createdAt");

-- CreateIndex
CREATE INDEX "LabTaskPass_labId_taskId_idx" ON "LabTaskPass"("labId", "taskId");

-- CreateIndex
CREATE INDEX "LabHintReveal_labId_taskId_idx" ON "LabHintReveal"("labId", "taskId");

-- CreateIndex
CREATE UNIQUE INDEX "Sandbox_ownerId_labId_key" ON "Sandbox"("ownerId", "labId");

-- AddForeignKey
ALTER TABLE "LabAttempt" ADD CONSTRAINT "LabAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabTaskPass" ADD CONSTRAINT "LabTaskPass_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabHintReveal" ADD CONSTRAINT "LabHintReveal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
