// X-Forwarded-For and the sign-in rate limit, on real `next start` processes: an
// instance without KUBELAB_TRUSTED_PROXIES records no per-IP failure for the
// address a client wrote into the header (it could frame anyone's address), and
// one with KUBELAB_TRUSTED_PROXIES=1 counts the address its proxy appended, never
// the forged entry to the left of it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { freePort } from "@/scripts/db/embedded-postgres";
import { buildOnceAndHold, type HeldLock } from "../setup/build-lock";
import { productionEnv, startNextApp, type NextApp } from "../setup/next-app";
import { postCredentials } from "../setup/web-session";
import { createUser } from "./auth-fixtures";

const PUBLIC_URL = "http://kubelab.test";

let lock: HeldLock | undefined;
let direct: NextApp;
let proxied: NextApp;

beforeAll(async () => {
  lock = await buildOnceAndHold(productionEnv());
  const env = {
    DATABASE_URL: process.env.DATABASE_URL,
    NEXTAUTH_URL: PUBLIC_URL,
    NEXTAUTH_SECRET: "kubelab-proxy-secret",
  };
  const [a, b] = await Promise.all([freePort(), freePort()]);
  [direct, proxied] = await Promise.all([
    startNextApp(a, env, { quiet: true }),
    startNextApp(b, { ...env, KUBELAB_TRUSTED_PROXIES: "1" }, { quiet: true }),
  ]);
}, 900_000);

afterAll(async () => {
  await Promise.all([direct?.stop(), proxied?.stop()]);
  await lock?.release();
});

const failuresFor = (ip: string) => db().signInFailure.count({ where: { key: `ip:${ip}` } });

async function failOnce(app: NextApp, forwardedFor: string) {
  const user = await createUser("LEARNER");
  const { jar, response } = await postCredentials(
    app.baseUrl,
    PUBLIC_URL,
    user.email,
    "wrong-password-1",
    { "x-forwarded-for": forwardedFor },
  );
  // next-auth redirects a failed credentials sign-in to the error page, no session.
  expect(response.status).toBe(302);
  expect([...jar.keys()].some((k) => k.endsWith("session-token"))).toBe(false);
  expect(await db().signInFailure.count({ where: { key: `email:${user.email}` } })).toBe(1);
}

describe("X-Forwarded-For and the sign-in rate limit", () => {
  it("ignores the header when no proxy is trusted", async () => {
    await failOnce(direct, "203.0.113.10");
    expect(await failuresFor("203.0.113.10")).toBe(0);
  });

  it("counts the address the trusted proxy appended, not the forged one", async () => {
    await failOnce(proxied, "198.51.100.66, 203.0.113.11");
    expect(await failuresFor("203.0.113.11")).toBe(1);
    expect(await failuresFor("198.51.100.66")).toBe(0);
  });
});
