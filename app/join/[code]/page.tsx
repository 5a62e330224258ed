import type { Metadata } from "next";
import { JoinForm } from "@/app/classes/join-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { classForJoinCode } from "@/lib/classes/class-service";
import { classText as t } from "@/lib/classes/ui-text";
import { db } from "@/lib/db/client";
import { format } from "@/lib/i18n";

export const metadata: Metadata = { title: t.joinTitle };

/**
 * The join link (/join/ABCD-EFGH): after sign-in the learner sees which class the
 * code opens and confirms with one click. Joining is a POST, never a side effect
 * of opening a link.
 */
export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const decoded = decodeURIComponent(code).slice(0, 20);
  await requireUser(`/join/${encodeURIComponent(decoded)}`);
  const cls = await classForJoinCode(db(), decoded);
  return (
    <div className="mx-auto grid max-w-xl gap-6 px-4 py-10">
      <Card>
        <CardHeader>
          <CardTitle>{t.joinTitle}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4">
          {cls ? (
            <p data-testid="join-class">
              {format(t.joinConfirm, { name: cls.name, term: cls.term })}
            </p>
          ) : (
            <Alert variant="destructive">{t.joinUnknown}</Alert>
          )}
          <JoinForm initialCode={decoded} />
        </CardContent>
      </Card>
    </div>
  );
}
