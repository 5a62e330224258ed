"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { sendJson } from "@/lib/http/send-json";
import { messages } from "@/lib/i18n";

export function PasswordForm() {
  const t = messages();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    const result = await sendJson("/api/auth/password", "POST", { currentPassword, newPassword });
    setPending(false);
    // Passwords are never kept in the form, whatever the outcome.
    setCurrentPassword("");
    setNewPassword("");
    if (result.ok) {
      setFields({});
      setStatus({ ok: true, text: t.profile.passwordSaved });
    } else {
      setFields(result.fields);
      setStatus(Object.keys(result.fields).length ? null : { ok: false, text: result.message });
    }
  }

  return (
    <form method="post" onSubmit={onSubmit} className="grid gap-4" noValidate>
      {status && <Alert variant={status.ok ? "success" : "destructive"}>{status.text}</Alert>}
      <FormField
        label={t.profile.currentPassword}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        value={currentPassword}
        error={fields.currentPassword}
        onChange={(e) => setCurrentPassword(e.target.value)}
      />
      <FormField
        label={t.profile.newPassword}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        description={t.auth.passwordRule}
        value={newPassword}
        error={fields.newPassword}
        onChange={(e) => setNewPassword(e.target.value)}
      />
      <div>
        <Button type="submit" disabled={pending}>
          {t.profile.savePassword}
        </Button>
      </div>
    </form>
  );
}
