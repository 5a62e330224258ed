import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { listJoinedClasses, listTaughtClasses } from "@/lib/classes/class-service";
import { displayJoinCode } from "@/lib/classes/join-code";
import { classText as t } from "@/lib/classes/ui-text";
import { db } from "@/lib/db/client";
import { format } from "@/lib/i18n";
import { CreateClassForm } from "./create-class-form";
import { JoinForm } from "./join-form";

export const metadata: Metadata = { title: t.listTitle };

export default async function ClassesPage() {
  const user = await requireUser("/classes");
  const teaches = hasRole(user.role, "INSTRUCTOR");
  const [taught, joined] = await Promise.all([
    listTaughtClasses(db(), user),
    listJoinedClasses(db(), user.id),
  ]);
  return (
    <div className="mx-auto grid max-w-6xl gap-8 px-4 py-10">
      <div className="grid gap-1">
        <h1 className="text-2xl font-bold">{t.listTitle}</h1>
        <p className="text-muted-foreground">{t.listDescription}</p>
      </div>

      {teaches && (
        <section aria-labelledby="taught" className="grid gap-4">
          <h2 id="taught" className="text-xl font-semibold">
            {user.role === "ADMIN" ? t.taughtAdminTitle : t.taughtTitle}
          </h2>
          {taught.length === 0 && <p className="text-muted-foreground">{t.taughtEmpty}</p>}
          <ul className="grid gap-4 md:grid-cols-2">
            {taught.map((c) => (
              <li key={c.id}>
                <Card data-testid="taught-class" data-class-id={c.id}>
                  <CardHeader>
                    <CardTitle>
                      <Link href={`/instructor/classes/${c.id}`} className="hover:underline">
                        {c.name}
                      </Link>
                    </CardTitle>
                    <CardDescription>
                      {c.term} · {format(t.members, { count: c.memberCount })} · {t.instructors}{" "}
                      {c.instructors.map((i) => i.name).join(", ")}
                    </CardDescription>
                  </CardHeader>
                  <CardContent className="flex flex-wrap items-center gap-3 text-sm">
                    <span>
                      {t.joinCode}:{" "}
                      <code
                        className="rounded bg-muted px-2 py-1 font-mono"
                        data-testid="join-code"
                      >
                        {displayJoinCode(c.joinCode)}
                      </code>
                    </span>
                    <Link
                      href={`/instructor/classes/${c.id}`}
                      className="font-medium text-primary underline-offset-4 hover:underline"
                    >
                      {t.openMatrix}
                    </Link>
                  </CardContent>
                </Card>
              </li>
            ))}
          </ul>
          <Card className="max-w-xl">
            <CardHeader>
              <CardTitle>{t.createTitle}</CardTitle>
            </CardHeader>
            <CardContent>
              <CreateClassForm />
            </CardContent>
          </Card>
        </section>
      )}

      <section aria-labelledby="joined" className="grid gap-4">
        <h2 id="joined" className="text-xl font-semibold">
          {t.joinedTitle}
        </h2>
        {joined.length === 0 ? (
          <p className="text-muted-foreground">{t.joinedEmpty}</p>
        ) : (
          <ul className="grid gap-2" data-testid="joined-classes">
            {joined.map((c) => (
              <li key={c.id} className="rounded-lg border px-4 py-3">
                <span className="font-medium">{c.name}</span>{" "}
                <span className="text-sm text-muted-foreground">
                  {c.term} · {t.instructors} {c.instructorNames.join(", ")}
                </span>
              </li>
            ))}
          </ul>
        )}
        <Card className="max-w-xl">
          <CardHeader>
            <CardTitle>{t.joinTitle}</CardTitle>
          </CardHeader>
          <CardContent>
            <JoinForm />
          </CardContent>
        </Card>
      </section>
    </div>
  );
}
