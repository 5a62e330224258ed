// A non-browser client of the web app that signs in the way a browser does:
// next-auth's CSRF token (cookie + form field), the credentials callback, then
// the session cookie on every request. Same-site requests carry an Origin, as
// browsers send on every non-GET fetch.

export interface WebSession {
  /** The Cookie header (next-auth's csrf and session cookies). */
  cookie: string;
  /** GET/POST/PUT to any instance with this browser's cookies. */
  fetch(
    baseUrl: string,
    path: string,
    init?: { method?: string; body?: unknown },
  ): Promise<Response>;
}

function mergeCookies(jar: Map<string, string>, res: Response) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const eq = pair!.indexOf("=");
    jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1));
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/**
 * One credentials sign-in attempt as a browser makes it (CSRF token first);
 * `headers` are added to the callback POST (e.g. X-Forwarded-For from a proxy).
 */
export async function postCredentials(
  baseUrl: string,
  origin: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<{ jar: Map<string, string>; response: Response }> {
  const jar = new Map<string, string>();
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  mergeCookies(jar, csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookieHeader(jar),
      origin,
      ...headers,
    },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${origin}/` }).toString(),
  });
  mergeCookies(jar, response);
  return { jar, response };
}

/**
 * Signs in through `baseUrl` with email and password; `origin` is the site's
 * public URL (NEXTAUTH_URL) that a browser would send as Origin.
 */
export async function signIn(
  baseUrl: string,
  origin: string,
  email: string,
  password: string,
): Promise<WebSession> {
  const { jar, response: res } = await postCredentials(baseUrl, origin, email, password);
  if (![...jar.keys()].some((k) => k.endsWith("next-auth.session-token"))) {
    throw new Error(`sign-in failed: ${res.status} ${res.headers.get("location") ?? ""}`);
  }
  const cookie = cookieHeader(jar);
  return {
    cookie,
    fetch: (base, path, init = {}) =>
      fetch(`${base}${path}`, {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        redirect: "manual",
        headers: {
          cookie,
          origin,
          ...(init.body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      }),
  };
}
