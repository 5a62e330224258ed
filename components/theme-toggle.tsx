"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { messages } from "@/lib/i18n";
import { THEME_COOKIE, THEMES, type Theme } from "@/lib/i18n/theme";

const icons = { system: Monitor, light: Sun, dark: Moon } satisfies Record<Theme, unknown>;

/** Cycles system → light → dark; the cookie lets the server render it next time. */
export function ThemeToggle({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial);
  const t = messages().theme;
  const next = THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length]!;
  const Icon = icons[theme];
  return (
    <Button
      variant="ghost"
      size="icon"
      title={`${t.label}: ${t[theme]}`}
      aria-label={`${t.label}: ${t[theme]}`}
      onClick={() => {
        document.documentElement.dataset.theme = next;
        document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
        setTheme(next);
      }}
    >
      <Icon aria-hidden />
    </Button>
  );
}
