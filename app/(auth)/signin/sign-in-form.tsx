"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { signInErrorMessage } from "@/lib/auth/sign-in-error";
import { format, messages } from "@/lib/i18n";

interface Props {
  callbackPath: string;
  initialEmail: string;
  /** `?error=` from next-auth redirects (OAuth failures). */
  initialError: string | null;
  notice: string | null;
  providers: { id: string; name: string }[];
}

export function SignInForm({ callbackPath, initialEmail, initialError, notice, providers }: Props) {
  const t = messages().auth;
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(() => signInErrorMessage(initialError));
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await signIn("credentials", { email, password, redirect: false }).catch(
      () => undefined,
    );
    if (result?.ok && !result.error) {
      // Full navigation so the server-rendered header shows the new session.
      window.location.assign(callbackPath);
      return;
    }
    // Keep the email, drop the password.
    setPassword("");
    setError(signInErrorMessage(result?.error ?? "network") ?? null);
    setPending(false);
  }

  return (
    <div className="grid gap-6">
      {notice && !error && <Alert variant="success">{notice}</Alert>}
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
          onChange={(e) => setEmail(e.target.value)}
        />
        <FormField
          label={t.password}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Button type="submit" disabled={pending}>
          {pending ? t.submitting : t.submitSignIn}
        </Button>
      </form>
      {providers.length > 0 && (
        <div className="grid gap-2">
          <p className="text-center text-xs text-muted-foreground">{t.orContinueWith}</p>
          {providers.map((p) => (
            <Button
              key={p.id}
              variant="outline"
              onClick={() => void signIn(p.id, { callbackUrl: callbackPath })}
            >
              {format(t.continueWith, { provider: p.name })}
            </Button>
          ))}
        </div>
      )}
      <p className="text-center text-sm text-muted-foreground">
        {t.noAccount}{" "}
        <Link
          className="font-medium text-primary underline-offset-4 hover:underline"
          href={
            callbackPath === "/"
              ? "/signup"
              : `/signup?callbackUrl=${encodeURIComponent(callbackPath)}`
          }
        >
          {messages().nav.signUp}
        </Link>
      </p>
    </div>
  );
}
