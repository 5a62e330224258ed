// Browser test of the account flow in the production build: sign up (after a
// rejected weak password), sign out, a wrong password, sign in, the course
// entry, role-protected admin page, and the phone layout.
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { DEMO_PASSWORD, ensureDemoAccounts } from "@/lib/auth/demo-accounts";
import { db } from "@/lib/db/client";
import { launchBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const email = `e2e-${randomUUID().slice(0, 8)}@example.com`;
const password = "kubernetes-2026";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  await ensureDemoAccounts(db());
});

afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page, userEmail: string, userPassword: string, open = true) {
  if (open) await page.goto(`${baseUrl}/signin`);
  await page.getByLabel("이메일").fill(userEmail);
  await page.getByLabel("비밀번호").fill(userPassword);
  await page.getByRole("button", { name: "로그인" }).click();
}

const visible = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`);

describe("accounts in the browser", () => {
  it("signs up, signs out, signs in and reaches the course", async () => {
    const context = await browser.newContext({
      locale: "ko-KR",
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();

    await page.goto(`${baseUrl}/signup`);
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("ko");
    await page.getByLabel("이메일").fill(email);
    await page.getByLabel("이름 (선택)").fill("브라우저 테스트");
    await page.getByLabel("비밀번호").fill("short1");
    await page.getByRole("button", { name: "가입하기" }).click();
    // The weak password is refused with the rule; what was typed stays, except the password.
    await page.getByText("비밀번호는 10자 이상이어야 합니다.").waitFor();
    expect(await page.getByLabel("이메일").inputValue()).toBe(email);
    expect(await page.getByLabel("이름 (선택)").inputValue()).toBe("브라우저 테스트");
    expect(await page.getByLabel("비밀번호").inputValue()).toBe("");

    await page.getByLabel("비밀번호").fill(password);
    await page.getByRole("button", { name: "가입하기" }).click();
    await page.waitForURL(`${baseUrl}/`);
    await visible(page, "header-user").waitFor();
    expect(await visible(page, "header-user").innerText()).toContain("브라우저 테스트");
    expect(await visible(page, "role-badge").innerText()).toBe("학습자");
    await page.getByTestId("course-entry").waitFor();

    // The session cookie is HTTP-only.
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
    expect(session?.httpOnly).toBe(true);
    // The cookie as someone who copied it would send it: it works until the user signs out.
    const replay = { cookie: `${session?.name}=${session?.value}` };
    expect((await fetch(`${baseUrl}/api/sandboxes`, { headers: replay })).status).toBe(200);

    await page.getByRole("button", { name: "로그아웃" }).click();
    await page.waitForURL(/\/signin\?signedOut=1$/);
    await page.getByText("로그아웃되었습니다.").waitFor();
    expect(await page.locator('[data-testid="header-user"]').count()).toBe(0);
    // Signed out means ended on the server too (revoked-sessions.ts), not just a cleared cookie.
    expect((await fetch(`${baseUrl}/api/sandboxes`, { headers: replay })).status).toBe(401);
    const replayed = await fetch(`${baseUrl}/api/auth/session`, { headers: replay });
    expect(((await replayed.json()) as { user?: unknown }).user).toBeUndefined();

    await signIn(page, email, "wrong-password-1");
    await page.getByText("이메일 또는 비밀번호가 올바르지 않습니다.").waitFor();
    expect(await page.getByLabel("이메일").inputValue()).toBe(email);
    expect(await page.getByLabel("비밀번호").inputValue()).toBe("");

    await page.getByLabel("비밀번호").fill(password);
    await page.getByRole("button", { name: "로그인" }).click();
    await page.waitForURL(`${baseUrl}/`);
    await visible(page, "header-user").waitFor();
    await page.getByTestId("course-entry").getByRole("link", { name: "강의 시작하기" }).click();
    await page.waitForURL(`${baseUrl}/courses`);
    await page.locator("h1").first().waitFor();

    // A learner gets the no-permission notice on the admin page.
    const denied = await page.goto(`${baseUrl}/admin/users`);
    expect(denied?.status()).toBe(403);
    await page.getByTestId("forbidden").waitFor();
    await context.close();
  });

  it("sends signed-out visitors of the profile page to sign-in and back", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/profile`);
    await page.waitForURL(/\/signin\?callbackUrl=%2Fprofile$/);
    await signIn(page, "learner@kubelab.dev", DEMO_PASSWORD, false);
    await page.waitForURL(`${baseUrl}/profile`);
    await page.getByRole("heading", { name: "내 정보" }).waitFor();
    await context.close();
  });

  it("changes the name and the password on /profile", async () => {
    const userEmail = `profile-${randomUUID().slice(0, 8)}@example.com`;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/signup`);
    await page.getByLabel("이메일").fill(userEmail);
    await page.getByLabel("비밀번호").fill(password);
    await page.getByRole("button", { name: "가입하기" }).click();
    await page.waitForURL(`${baseUrl}/`);

    await page.goto(`${baseUrl}/profile`);
    await page.getByLabel("이름", { exact: true }).fill("새 이름");
    await page.getByRole("button", { name: "이름 저장" }).click();
    await page.getByText("이름을 저장했습니다.").waitFor();
    await expect.poll(() => visible(page, "header-user").innerText()).toContain("새 이름");

    await page.getByLabel("현재 비밀번호").fill("not-my-password-1");
    await page.getByLabel("새 비밀번호").fill("brand-new-pass-7");
    await page.getByRole("button", { name: "비밀번호 변경" }).click();
    await page.getByText("현재 비밀번호가 맞지 않습니다.").waitFor();
    await page.getByLabel("현재 비밀번호").fill(password);
    await page.getByLabel("새 비밀번호").fill("brand-new-pass-7");
    await page.getByRole("button", { name: "비밀번호 변경" }).click();
    await page.getByText("비밀번호를 변경했습니다.").waitFor();

    await page.getByRole("button", { name: "로그아웃" }).click();
    await page.waitForURL(/\/signin/);
    await signIn(page, userEmail, "brand-new-pass-7");
    await page.waitForURL(`${baseUrl}/`);
    await context.close();
  });

  it("lets the demo admin change a user's role on /admin/users", async () => {
    const target = await db().user.create({
      data: { email: `role-${randomUUID().slice(0, 8)}@example.com`, name: "역할 대상" },
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, "admin@kubelab.dev", DEMO_PASSWORD);
    await page.waitForURL(`${baseUrl}/`);
    await page.goto(`${baseUrl}/admin/users`);
    const select = page.getByLabel(`${target.email}의 역할`);
    expect(await select.inputValue()).toBe("LEARNER");
    await select.selectOption("INSTRUCTOR");
    await page.getByText(`${target.email}의 역할을 강사(으)로 바꿨습니다.`).waitFor();
    expect((await db().user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe(
      "INSTRUCTOR",
    );

    // The admin's own row refuses self-demotion with a Korean message.
    await page.getByLabel("admin@kubelab.dev의 역할").selectOption("LEARNER");
    await page.getByText("자신의 관리자 역할은 해제할 수 없습니다", { exact: false }).waitFor();
    expect(await page.getByLabel("admin@kubelab.dev의 역할").inputValue()).toBe("ADMIN");
    await context.close();
  });

  it("tells a rate-limited user in Korean when to retry", async () => {
    // Five recent failures for this email, as other app instances may have recorded them.
    const limited = `limited-${randomUUID().slice(0, 8)}@example.com`;
    await db().signInFailure.createMany({
      data: Array.from({ length: 5 }, () => ({ key: `email:${limited}`, createdAt: new Date() })),
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, limited, "any-password-1");
    const alert = page.getByText(/^로그인 실패가 너무 많습니다/);
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(
      /^로그인 실패가 너무 많습니다\. 15분 뒤\(\d{2}:\d{2} 이후\)에 다시 시도하세요\.$/,
    );
    await context.close();
  });

  it("fits a phone screen: the menu folds and still offers sign-out", async () => {
    const context = await browser.newContext({
      viewport: { width: 375, height: 740 },
      isMobile: true,
    });
    const page = await context.newPage();
    await signIn(page, "learner@kubelab.dev", DEMO_PASSWORD);
    await page.waitForURL(`${baseUrl}/`);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(375);
    expect(await page.getByRole("button", { name: "로그아웃" }).isVisible()).toBe(false);
    await page.locator("summary[aria-label='메뉴']").click();
    await page.getByRole("button", { name: "로그아웃" }).click();
    await page.waitForURL(/\/signin\?signedOut=1$/);
    await context.close();
  });
});
