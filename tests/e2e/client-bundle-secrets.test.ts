// Secrets stay on the server: the JavaScript the browser downloads (the
// production build's static chunks, built by the e2e setup) names no server
// secret, connection string, password/token hash field or private key.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) files(full, out);
    else if (name.endsWith(".js")) out.push(full);
  }
  return out;
}

const FORBIDDEN = [
  "DATABASE_URL",
  "NEXTAUTH_SECRET",
  "GITHUB_SECRET",
  "OIDC_CLIENT_SECRET",
  "KUBELAB_TLS_KEY_FILE",
  "postgresql://",
  "passwordHash",
  "tokenHash",
  "BEGIN PRIVATE KEY",
  "kubelab-test-secret-not-for-production",
  "$argon2id$",
];

describe("client bundles", () => {
  it("contain no server secrets", () => {
    const chunks = files(path.join(process.cwd(), ".next", "static"));
    expect(chunks.length).toBeGreaterThan(10);
    for (const file of chunks) {
      const text = readFileSync(file, "utf8");
      for (const secret of FORBIDDEN) {
        expect(text.includes(secret), `${secret} in ${path.relative(process.cwd(), file)}`).toBe(
          false,
        );
      }
    }
  });
});
