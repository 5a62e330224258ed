import { describe, expect, it } from "vitest";
import { oauthProviderButtons, oauthProviders } from "./oauth-providers";

describe("oauthProviders", () => {
  it("is empty without configuration", () => {
    expect(oauthProviders({})).toEqual([]);
    // Half a configuration enables nothing.
    expect(oauthProviders({ GITHUB_ID: "x" })).toEqual([]);
    expect(
      oauthProviders({
        OIDC_ISSUER: "https://id.example",
        OIDC_CLIENT_ID: "c",
      }),
    ).toEqual([]);
  });

  it("switches on GitHub and a generic OIDC provider from their variables", () => {
    const env = {
      GITHUB_ID: "gh-id",
      GITHUB_SECRET: "gh-secret",
      OIDC_ISSUER: "https://id.example/realms/class/",
      OIDC_CLIENT_ID: "kubelab",
      OIDC_CLIENT_SECRET: "s3cret",
      OIDC_NAME: "학교 계정",
    };
    expect(oauthProviderButtons(env)).toEqual([
      { id: "github", name: "GitHub" },
      { id: "oidc", name: "학교 계정" },
    ]);
    const oidc = oauthProviders(env)[1] as unknown as { wellKnown: string; checks: string[] };
    expect(oidc.wellKnown).toBe("https://id.example/realms/class/.well-known/openid-configuration");
    expect(oidc.checks).toContain("pkce");
  });
});
