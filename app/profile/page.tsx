import type { Metadata } from "next";
import { RoleBadge } from "@/components/role-badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { formatDate, messages, SERVER_TIME_ZONE } from "@/lib/i18n";
import { NameForm } from "./name-form";
import { PasswordForm } from "./password-form";

export const metadata: Metadata = { title: messages().profile.title };

export default async function ProfilePage() {
  const sessionUser = await requireUser("/profile");
  const user = await db().user.findUniqueOrThrow({
    where: { id: sessionUser.id },
    select: { email: true, name: true, role: true, createdAt: true, passwordHash: true },
  });
  const t = messages().profile;
  return (
    <div className="mx-auto grid max-w-2xl gap-6 px-4 py-10">
      <div className="grid gap-1">
        <h1 className="text-2xl font-bold">{t.title}</h1>
        <p className="text-muted-foreground">{t.description}</p>
      </div>
      <Card>
        <CardContent className="grid gap-3 pt-6 text-sm sm:grid-cols-[8rem_1fr]">
          <span className="text-muted-foreground">{t.email}</span>
          <span className="break-all">{user.email}</span>
          <span className="text-muted-foreground">{t.role}</span>
          <span>
            <RoleBadge role={user.role} />
          </span>
          <span className="text-muted-foreground">{t.memberSince}</span>
          <span>{formatDate(user.createdAt, SERVER_TIME_ZONE)}</span>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t.nameSection}</CardTitle>
        </CardHeader>
        <CardContent>
          <NameForm initialName={user.name} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t.passwordSection}</CardTitle>
          {!user.passwordHash && <CardDescription>{t.noLocalPassword}</CardDescription>}
        </CardHeader>
        {user.passwordHash && (
          <CardContent>
            <PasswordForm />
          </CardContent>
        )}
      </Card>
    </div>
  );
}
