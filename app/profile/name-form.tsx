"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { sendJson } from "@/lib/http/send-json";
import { messages } from "@/lib/i18n";

export function NameForm({ initialName }: { initialName: string }) {
  const t = messages();
  const router = useRouter();
  const [name, setName] = useState(initialName);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    const result = await sendJson("/api/auth/profile", "PATCH", { name });
    setPending(false);
    if (result.ok) {
      setStatus({ ok: true, text: t.profile.nameSaved });
      setFieldError(undefined);
      router.refresh(); // the header shows the name
    } else {
      setFieldError(result.fields.name);
      setStatus(result.fields.name ? null : { ok: false, text: result.message });
    }
  }

  return (
    <form method="post" onSubmit={onSubmit} className="grid gap-4" noValidate>
      {status && <Alert variant={status.ok ? "success" : "destructive"}>{status.text}</Alert>}
      <FormField
        label={t.auth.name}
        name="name"
        autoComplete="name"
        maxLength={50}
        value={name}
        error={fieldError}
        onChange={(e) => setName(e.target.value)}
      />
      <div>
        <Button type="submit" disabled={pending}>
          {t.profile.saveName}
        </Button>
      </div>
    </form>
  );
}
