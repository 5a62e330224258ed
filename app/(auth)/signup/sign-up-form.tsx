"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { sendJson } from "@/lib/http/send-json";
import { messages } from "@/lib/i18n";

export function SignUpForm({ callbackPath }: { callbackPath: string }) {
  const t = messages().auth;
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    setFields({});
    const result = await sendJson("/api/signup", "POST", { email, name, password });
    if (!result.ok) {
      // Keep email and name, drop the password.
      setPassword("");
      setFields(result.fields);
      setError(Object.keys(result.fields).length ? null : result.message);
      setPending(false);
      return;
    }
    // Signed up: sign straight in and continue where the user was going.
    const signedIn = await signIn("credentials", { email, password, redirect: false }).catch(
      () => undefined,
    );
    window.location.assign(
      signedIn?.ok && !signedIn.error
        ? callbackPath
        : `/signin?signedUp=1&email=${encodeURIComponent(email)}`,
    );
  }

  return (
    <div className="grid gap-6">
      {error && <Alert variant="destructive">{error}</Alert>}
      <form method="post" onSubmit={onSubmit} className="grid gap-4" noValidate>
        <FormField
          label={t.email}
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          value={email}
          error={fields.email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <FormField
          label={t.nameOptional}
          name="name"
          autoComplete="name"
          maxLength={50}
          value={name}
          error={fields.name}
          onChange={(e) => setName(e.target.value)}
        />
        <FormField
          label={t.password}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          description={t.passwordRule}
          value={password}
          error={fields.password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Button type="submit" disabled={pending}>
          {pending ? t.submitting : t.submitSignUp}
        </Button>
      </form>
      <p className="text-center text-sm text-muted-foreground">
        {t.haveAccount}{" "}
        <Link
          className="font-medium text-primary underline-offset-4 hover:underline"
          href="/signin"
        >
          {messages().nav.signIn}
        </Link>
      </p>
    </div>
  );
}
