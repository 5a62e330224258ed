// The class matrix for a viewer who teaches the class: columns from the content,
// one aggregate query, then the pure build.

import type { SessionUser } from "@/lib/auth/session";
import { getCourse } from "@/lib/content/catalog";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { requireClassInstructor, type ClassRef } from "../access";
import { ClassError } from "../class-error";
import { labOutlines, quizCounting } from "../content-sources";
import { classActivity } from "./activity-query";
import { buildMatrix, type Matrix } from "./build-matrix";
import { matrixColumns, type LabOutline } from "./columns";

export interface MatrixOptions {
  /** Lab outlines to use instead of the course's labs (tests with fixture labs). */
  labs?: readonly LabOutline[];
  now?: Date;
}

export async function matrixOfClass(
  prisma: PrismaClient,
  cls: ClassRef,
  options: MatrixOptions = {},
): Promise<Matrix> {
  const course = getCourse(cls.courseId);
  if (!course) throw new ClassError("courseNotFound");
  const labs = options.labs ?? labOutlines(cls.courseId);
  const columns = matrixColumns(course, labs);
  const activity = await classActivity(prisma, cls.id, cls.courseId, quizCounting(cls.courseId));
  return buildMatrix(columns, activity, options.now);
}

export async function classMatrix(
  prisma: PrismaClient,
  viewer: SessionUser,
  classId: string,
  options: MatrixOptions = {},
): Promise<{ class: ClassRef; matrix: Matrix }> {
  const cls = await requireClassInstructor(prisma, viewer, classId);
  return { class: cls, matrix: await matrixOfClass(prisma, cls, options) };
}
