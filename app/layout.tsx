import type { Metadata, Viewport } from "next";
import localFont from "next/font/local";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import { getSessionUser } from "@/lib/auth/session";
import { defaultLocale, messages } from "@/lib/i18n";
import { parseTheme, THEME_COOKIE } from "@/lib/i18n/theme";
import "./globals.css";

// Pretendard from the npm package: next/font/google would download at build
// time, which fails offline.
const pretendard = localFont({
  src: "../node_modules/pretendard/dist/web/variable/woff2/PretendardVariable.woff2",
  display: "swap",
  weight: "45 920",
  variable: "--font-pretendard",
});

const m = messages();

export const metadata: Metadata = {
  title: { default: `${m.site.name} · ${m.site.courseName}`, template: `%s · ${m.site.name}` },
  description: m.site.tagline,
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#15171c" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [user, cookieStore] = await Promise.all([getSessionUser(), cookies()]);
  const theme = parseTheme(cookieStore.get(THEME_COOKIE)?.value);
  return (
    <html lang={defaultLocale} data-theme={theme} className={pretendard.variable}>
      <body className="flex min-h-dvh flex-col font-sans">
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-primary px-3 py-2 text-primary-foreground focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
        >
          {m.site.skipToContent}
        </a>
        <SiteHeader user={user} theme={theme} />
        <main id="main" className="flex-1">
          {children}
        </main>
        <footer className="border-t py-6 text-center text-xs text-muted-foreground">
          {m.site.footer}
        </footer>
      </body>
    </html>
  );
}
