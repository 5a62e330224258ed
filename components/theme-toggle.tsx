"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { messages } from "@/lib/i18n";
import { parseTheme, THEME_COOKIE, THEMES, type Theme } from "@/lib/i18n/theme";

const icons = { system: Monitor, light: Sun, dark: Moon } satisfies Record<Theme, unknown>;

/**
 * Cycles system → light → dark; the cookie lets the server render it next
 * time. The header has one toggle per layout (desktop/phone), so the current
 * theme is read from <html>, not from this instance's state.
 */
export function ThemeToggle({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial);
  const t = messages().theme;
  const Icon = icons[theme];
  return (
    <Button
      variant="ghost"
      size="icon"
      title={`${t.label}: ${t[theme]}`}
      aria-label={`${t.label}: ${t[theme]}`}
      onClick={() => {
        const current = parseTheme(document.documentElement.dataset.theme);
        const next = THEMES[(THEMES.indexOf(current) + 1) % THEMES.length]!;
        document.documentElement.dataset.theme = next;
        document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
        setTheme(next);
      }}
    >
      <Icon aria-hidden />
    </Button>
  );
}
