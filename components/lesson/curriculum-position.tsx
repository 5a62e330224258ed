import type { LessonFrontMatter } from "@/lib/content/schema/lesson-schema";

export function positionLabel(p: LessonFrontMatter["position"]): string {
  return `Week ${p.week} > Day ${p.day} > Session ${p.session}`;
}
