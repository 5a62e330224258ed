"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { classText as t } from "@/lib/classes/ui-text";
import { sendJson } from "@/lib/http/send-json";
import { format } from "@/lib/i18n";

export function JoinForm({ initialCode = "" }: { initialCode?: string }) {
  const router = useRouter();
  const [code, setCode] = useState(initialCode);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    const result = await sendJson<{ class: { name: string } }>("/api/classes/join", "POST", {
      code,
    });
    setPending(false);
    if (result.ok) {
      setStatus({ ok: true, text: format(t.joined, { name: result.data.class.name }) });
      setCode("");
      router.refresh();
    } else setStatus({ ok: false, text: result.message });
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-3" noValidate data-testid="join-form">
      {status && <Alert variant={status.ok ? "success" : "destructive"}>{status.text}</Alert>}
      <FormField
        label={t.joinCode}
        name="code"
        description={t.joinCodeHint}
        autoComplete="off"
        autoCapitalize="characters"
        maxLength={20}
        value={code}
        onChange={(e) => setCode(e.target.value)}
      />
      <div>
        <Button type="submit" disabled={pending || code.trim() === ""}>
          {t.joinSubmit}
        </Button>
      </div>
    </form>
  );
}
