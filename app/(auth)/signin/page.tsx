import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { oauthProviderButtons } from "@/lib/auth/oauth-providers";
import { safeCallbackPath } from "@/lib/auth/safe-callback";
import { getSessionUser } from "@/lib/auth/session";
import { messages } from "@/lib/i18n";
import { AuthCard } from "../auth-card";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: messages().auth.signInTitle };

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  const callbackPath = safeCallbackPath(first(params.callbackUrl));
  if (await getSessionUser()) redirect(callbackPath);
  const t = messages().auth;
  const notice = first(params.signedOut) ? t.signedOut : first(params.signedUp) ? t.signedUp : null;
  return (
    <AuthCard title={t.signInTitle} description={t.signInDescription}>
      <SignInForm
        callbackPath={callbackPath}
        initialEmail={first(params.email) ?? ""}
        initialError={first(params.error) ?? null}
        notice={notice}
        providers={oauthProviderButtons()}
      />
    </AuthCard>
  );
}
