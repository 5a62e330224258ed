import type { Metadata } from "next";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { JoinForm } from "@/app/classes/join-form";
import { classText as t } from "@/lib/classes/ui-text";

export const metadata: Metadata = { title: t.joinTitle };

/**
 * The join link (/join/ABCD-EFGH): after sign-in the code is filled in and the
 * learner confirms with one click. Joining is a POST, never a side effect of opening a link.
 */
export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const decoded = decodeURIComponent(code).slice(0, 20);
  await requireUser(`/join/${encodeURIComponent(decoded)}`);
  return (
    <div className="mx-auto grid max-w-xl gap-6 px-4 py-10">
      <Card>
        <CardHeader>
          <CardTitle>{t.joinTitle}</CardTitle>
        </CardHeader>
        <CardContent>
          <JoinForm initialCode={decoded} />
        </CardContent>
      </Card>
    </div>
  );
}
