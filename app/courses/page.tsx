import { ArrowRight } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { positionLabel } from "@/components/lesson/curriculum-position";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getCourses } from "@/lib/content/catalog";

export const metadata: Metadata = { title: "과정" };

export default function CoursesPage() {
  const courses = getCourses();
  return (
    <div className="mx-auto grid max-w-4xl gap-6 px-4 py-10">
      <h1 className="text-3xl font-bold tracking-tight">과정</h1>
      {courses.map((course) => (
        <Card key={course.meta.id}>
          <CardHeader>
            <CardTitle>
              <Link href={`/courses/${course.meta.id}`} className="hover:underline">
                {course.meta.title}
              </Link>
            </CardTitle>
            <CardDescription>{course.meta.description}</CardDescription>
          </CardHeader>
          <CardContent>
            <ul className="grid gap-2">
              {course.sessions.map((s) => (
                <li key={s.id}>
                  <Link
                    href={`/courses/${course.meta.id}/${s.id}`}
                    className="inline-flex items-center gap-2 text-primary underline-offset-4 hover:underline"
                  >
                    <span className="text-sm text-muted-foreground">
                      {positionLabel(s.meta.position)}
                    </span>
                    {s.meta.title}
                    <ArrowRight aria-hidden className="size-4" />
                  </Link>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      ))}
    </div>
  );
}
