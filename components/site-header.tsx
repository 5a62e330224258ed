import { BookOpen, Menu, Shield, UserRound, Users } from "lucide-react";
import Link from "next/link";
import { RoleBadge } from "@/components/role-badge";
import { SignOutButton } from "@/components/sign-out-button";
import { ThemeToggle } from "@/components/theme-toggle";
import { Button } from "@/components/ui/button";
import type { SessionUser } from "@/lib/auth/session";
import { classText } from "@/lib/classes/ui-text";
import { messages } from "@/lib/i18n";
import type { Theme } from "@/lib/i18n/theme";

function NavLinks({ user }: { user: SessionUser | null }) {
  const t = messages().nav;
  return (
    <>
      <Button asChild variant="ghost" size="sm">
        <Link href="/courses">
          <BookOpen aria-hidden />
          {t.course}
        </Link>
      </Button>
      {user && (
        <Button asChild variant="ghost" size="sm">
          <Link href="/classes">
            <Users aria-hidden />
            {classText.nav}
          </Link>
        </Button>
      )}
      {user?.role === "ADMIN" && (
        <Button asChild variant="ghost" size="sm">
          <Link href="/admin/users">
            <Shield aria-hidden />
            {t.admin}
          </Link>
        </Button>
      )}
    </>
  );
}

function Account({ user }: { user: SessionUser | null }) {
  const t = messages().nav;
  if (!user) {
    return (
      <>
        <Button asChild variant="ghost" size="sm">
          <Link href="/signin">{t.signIn}</Link>
        </Button>
        <Button asChild size="sm">
          <Link href="/signup">{t.signUp}</Link>
        </Button>
      </>
    );
  }
  return (
    <>
      <Link
        href="/profile"
        className="flex min-w-0 items-center gap-2 rounded-md px-2 py-1 text-sm hover:bg-accent"
        data-testid="header-user"
      >
        <UserRound className="size-4 shrink-0" aria-hidden />
        <span className="truncate font-medium">{user.name}</span>
        <RoleBadge role={user.role} />
      </Link>
      <SignOutButton />
    </>
  );
}

/**
 * The shell header: course name, navigation, the signed-in user with their
 * role, theme and sign-out. On narrow screens the links fold into a native
 * <details> menu, which works without JavaScript.
 */
export function SiteHeader({ user, theme }: { user: SessionUser | null; theme: Theme }) {
  const m = messages();
  return (
    <header className="sticky top-0 z-40 border-b bg-background/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-3 px-4">
        <Link href="/" className="flex min-w-0 items-center gap-2 font-semibold">
          <span
            aria-hidden
            className="grid size-7 shrink-0 place-items-center rounded-md bg-primary text-sm text-primary-foreground"
          >
            K
          </span>
          <span>{m.site.name}</span>
          <span className="hidden truncate text-sm font-normal text-muted-foreground lg:inline">
            · {m.site.courseName}
          </span>
        </Link>
        <nav aria-label={m.nav.menu} className="ml-2 hidden items-center gap-1 md:flex">
          <NavLinks user={user} />
        </nav>
        <div className="ml-auto hidden items-center gap-2 md:flex">
          <Account user={user} />
          <ThemeToggle initial={theme} />
        </div>
        <div className="ml-auto flex items-center gap-1 md:hidden">
          <ThemeToggle initial={theme} />
          <details className="group relative">
            <summary
              className="grid size-10 cursor-pointer list-none place-items-center rounded-md hover:bg-accent [&::-webkit-details-marker]:hidden"
              aria-label={m.nav.menu}
            >
              <Menu className="size-5" aria-hidden />
            </summary>
            <div className="absolute right-0 mt-2 flex w-64 flex-col items-stretch gap-2 rounded-lg border bg-card p-3 shadow-lg">
              <nav aria-label={m.nav.menu} className="flex flex-col items-stretch gap-1">
                <NavLinks user={user} />
              </nav>
              <div className="flex flex-col items-stretch gap-2 border-t pt-2">
                <Account user={user} />
              </div>
            </div>
          </details>
        </div>
      </div>
    </header>
  );
}
