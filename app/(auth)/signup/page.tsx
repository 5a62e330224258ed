import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/lib/auth/safe-callback";
import { getSessionUser } from "@/lib/auth/session";
import { messages } from "@/lib/i18n";
import { AuthCard } from "../auth-card";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: messages().auth.signUpTitle };

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Search> }) {
  const callbackPath = safeCallbackPath(first((await searchParams).callbackUrl));
  if (await getSessionUser()) redirect(callbackPath);
  const t = messages().auth;
  return (
    <AuthCard title={t.signUpTitle} description={t.signUpDescription}>
      <SignUpForm callbackPath={callbackPath} />
    </AuthCard>
  );
}
