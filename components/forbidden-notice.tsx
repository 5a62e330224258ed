import { ShieldAlert } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { errorText, messages } from "@/lib/i18n";

/** Shown to signed-in users who lack the role a page needs. */
export function ForbiddenNotice() {
  return (
    <div className="mx-auto grid max-w-md justify-items-center gap-4 px-4 py-16 text-center">
      <ShieldAlert className="size-10 text-destructive" aria-hidden />
      <h1 className="text-xl font-semibold" data-testid="forbidden">
        {errorText("forbidden")}
      </h1>
      <Button asChild variant="outline">
        <Link href="/">{messages().nav.home}</Link>
      </Button>
    </div>
  );
}
