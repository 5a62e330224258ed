import type { Provider } from "next-auth/providers/index";
import GitHubProvider from "next-auth/providers/github";

/**
 * Optional external sign-in, switched on by environment variables:
 *
 *   GITHUB_ID, GITHUB_SECRET                      → "GitHub로 계속"
 *     (callback URL: <NEXTAUTH_URL>/api/auth/callback/github)
 *   OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET → any OpenID Connect
 *     provider (Keycloak, Google, Entra ID…); OIDC_NAME sets the button label
 *     (callback URL: <NEXTAUTH_URL>/api/auth/callback/oidc)
 *
 * New identities become LEARNER accounts (see oauth-users.ts).
 */
type Env = Readonly<Record<string, string | undefined>>;

export function oauthProviders(env: Env = process.env): Provider[] {
  const providers: Provider[] = [];
  if (env.GITHUB_ID && env.GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET }));
  }
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
    const issuer = env.OIDC_ISSUER.replace(/\/$/, "");
    providers.push({
      id: "oidc",
      name: env.OIDC_NAME ?? "OpenID Connect",
      type: "oauth",
      issuer,
      wellKnown: `${issuer}/.well-known/openid-configuration`,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: {
        sub: string;
        email?: string;
        name?: string;
        preferred_username?: string;
      }) {
        return {
          id: profile.sub,
          email: profile.email ?? null,
          name: profile.name ?? profile.preferred_username ?? null,
        };
      },
    });
  }
  return providers;
}

/** id + label of the enabled providers, for the sign-in page's buttons. */
export function oauthProviderButtons(env: Env = process.env) {
  return oauthProviders(env).map((p) => ({ id: p.id, name: p.name }));
}
