"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { classText as t } from "@/lib/classes/ui-text";
import { sendJson } from "@/lib/http/send-json";
import { format } from "@/lib/i18n";

export function RemoveLearnerButton({
  classId,
  learner,
}: {
  classId: string;
  learner: { id: string; name: string };
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="grid gap-2">
      {error && <Alert variant="destructive">{error}</Alert>}
      <Button
        type="button"
        variant="outline"
        size="sm"
        onClick={async () => {
          if (!window.confirm(format(t.removeLearnerConfirm, { name: learner.name }))) return;
          const result = await sendJson(
            `/api/classes/${classId}/members/${learner.id}`,
            "DELETE",
            {},
          );
          if (result.ok) router.push(`/instructor/classes/${classId}`);
          else setError(result.message);
        }}
      >
        {t.removeLearner}
      </Button>
    </div>
  );
}
