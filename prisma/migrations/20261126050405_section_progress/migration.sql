-- CreateTable
CREATE TABLE "SectionProgress" (
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,
    "readAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SectionProgress_pkey" PRIMARY KEY ("userId","courseId","sessionId","sectionId")
);

-- CreateIndex
CREATE INDEX "SectionProgress_courseId_sessionId_idx" ON "SectionProgress"("courseId", "sessionId");
