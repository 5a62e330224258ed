import { ArrowRight, BookOpen, Terminal } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { getSessionUser } from "@/lib/auth/session";
import { format, messages } from "@/lib/i18n";

// Home: a welcome and the entry to the course (its overview lives under /courses).
export default async function HomePage() {
  const user = await getSessionUser();
  const m = messages();
  return (
    <div className="mx-auto grid max-w-6xl gap-8 px-4 py-10 md:py-16">
      <section className="grid gap-3">
        <p className="flex items-center gap-2 text-sm font-medium text-primary">
          <Terminal className="size-4" aria-hidden />
          {m.site.tagline}
        </p>
        <h1 className="text-3xl font-bold tracking-tight md:text-4xl">{m.home.welcomeTitle}</h1>
        <p className="max-w-2xl text-muted-foreground">{m.home.welcomeBody}</p>
        {user && (
          <p className="font-medium" data-testid="home-greeting">
            {format(m.home.greeting, { name: user.name })}
          </p>
        )}
      </section>
      <Card className="max-w-2xl" data-testid="course-entry">
        <CardHeader>
          <p className="flex items-center gap-2 text-sm text-muted-foreground">
            <BookOpen className="size-4" aria-hidden />
            {m.home.courseCardTitle}
          </p>
          <CardTitle>{m.site.courseName}</CardTitle>
          <CardDescription>{m.home.courseCardBody}</CardDescription>
        </CardHeader>
        <CardFooter className="flex-wrap">
          <Button asChild>
            <Link href="/courses">
              {m.home.startCourse}
              <ArrowRight aria-hidden />
            </Link>
          </Button>
          {!user && <span className="text-sm text-muted-foreground">{m.home.signInToTrack}</span>}
        </CardFooter>
      </Card>
    </div>
  );
}
