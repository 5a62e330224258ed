"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { classText as t } from "@/lib/classes/ui-text";
import { sendJson } from "@/lib/http/send-json";
import { format } from "@/lib/i18n";

export function CreateClassForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [term, setTerm] = useState("");
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    const result = await sendJson<{ class: { id: string; name: string } }>("/api/classes", "POST", {
      name,
      term,
    });
    setPending(false);
    if (result.ok) {
      setStatus({ ok: true, text: format(t.created, { name: result.data.class.name }) });
      setFields({});
      setName("");
      setTerm("");
      router.refresh();
    } else {
      setFields(result.fields);
      setStatus({ ok: false, text: result.message });
    }
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-3" noValidate data-testid="create-class-form">
      {status && <Alert variant={status.ok ? "success" : "destructive"}>{status.text}</Alert>}
      <FormField
        label={t.className}
        name="name"
        maxLength={100}
        value={name}
        error={fields.name}
        onChange={(e) => setName(e.target.value)}
      />
      <FormField
        label={t.term}
        name="term"
        description={t.termHint}
        maxLength={50}
        value={term}
        error={fields.term}
        onChange={(e) => setTerm(e.target.value)}
      />
      <div>
        <Button type="submit" disabled={pending}>
          {t.createSubmit}
        </Button>
      </div>
    </form>
  );
}
