-- AlterTable
ALTER TABLE "QuizAttempt" ADD COLUMN     "answersRevision" INTEGER NOT NULL DEFAULT 0;
