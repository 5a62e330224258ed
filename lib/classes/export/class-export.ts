// The two CSV downloads of a class: the matrix and the quiz results.

import type { SessionUser } from "@/lib/auth/session";
import { getCourse } from "@/lib/content/catalog";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { requireClassInstructor } from "../access";
import { ClassError } from "../class-error";
import { quizCounting, quizQuestionIds } from "../content-sources";
import { matrixOfClass, type MatrixOptions } from "../matrix/class-matrix";
import { matrixCsv } from "./matrix-csv";
import { quizResultsCsv, submittedAttempts } from "./quiz-results";

export type ExportKind = "matrix" | "quiz";

export interface CsvFile {
  body: string;
  asciiName: string;
  utf8Name: string;
}

function fileNames(
  kind: ExportKind,
  cls: { id: string; name: string; term: string },
  today: string,
) {
  const what = kind === "matrix" ? "진도표" : "퀴즈결과";
  return {
    asciiName: `class-${cls.id}-${kind}-${today}.csv`,
    utf8Name: `${cls.name} ${cls.term} ${what} ${today}.csv`.replace(/[\\/:*?"<>|]/g, "_"),
  };
}

export async function classExport(
  prisma: PrismaClient,
  viewer: SessionUser,
  classId: string,
  kind: ExportKind,
  options: MatrixOptions = {},
): Promise<CsvFile> {
  const now = options.now ?? new Date();
  const cls = await requireClassInstructor(prisma, viewer, classId);
  const today = now.toISOString().slice(0, 10);
  if (kind === "matrix") {
    return {
      body: matrixCsv(await matrixOfClass(prisma, cls, { ...options, now })),
      ...fileNames(kind, cls, today),
    };
  }
  const course = getCourse(cls.courseId);
  if (!course) throw new ClassError("courseNotFound");
  const [members, attempts] = await Promise.all([
    prisma.classMember.findMany({
      where: { classId },
      select: { user: { select: { id: true, name: true, email: true } } },
    }),
    submittedAttempts(prisma, classId, cls.courseId),
  ]);
  const quizzes = course.sessions
    .filter((s) => s.quizFile)
    .map((s) => {
      // Without the quiz's own list, the questions anyone answered, in id order.
      const seen = new Set(
        attempts.filter((a) => a.sessionId === s.id).flatMap((a) => Object.keys(a.points ?? {})),
      );
      return {
        sessionId: s.id,
        questionIds: quizQuestionIds(cls.courseId, s.id) ?? [...seen].sort(),
      };
    });
  const sorted = members
    .map((m) => ({ userId: m.user.id, name: m.user.name, email: m.user.email }))
    .sort((a, b) => a.name.localeCompare(b.name, "ko") || a.email.localeCompare(b.email));
  return {
    body: quizResultsCsv({
      members: sorted,
      quizzes,
      attempts,
      counting: quizCounting(cls.courseId),
    }),
    ...fileNames(kind, cls, today),
  };
}
