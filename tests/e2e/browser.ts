// Shared Playwright launcher for browser tests: Debian's chromium, never a
// downloaded browser. The flags keep Chromium from dialling out on a closed
// network (see SETUP-NOTES).
import { chromium, type Browser } from "playwright-core";
import { existsSync } from "node:fs";

const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];

export function chromiumPath(): string {
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found)
    throw new Error("chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)");
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
