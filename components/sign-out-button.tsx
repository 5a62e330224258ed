"use client";

import { LogOut } from "lucide-react";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { messages } from "@/lib/i18n";

export function SignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="outline"
      size="sm"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        // redirect:false: next-auth's own redirect would use NEXTAUTH_URL,
        // which may not match the address the user opened.
        await signOut({ redirect: false });
        router.push("/signin?signedOut=1");
        router.refresh(); // re-render the header without the session
        setPending(false);
      }}
    >
      <LogOut aria-hidden />
      {messages().nav.signOut}
    </Button>
  );
}
