// A signed-in browser without the browser: a cookie jar and next-auth's credentials sign-in, as the
// sign-in form does it. Used by the page-load bench and the soak.

export class SignedInClient {
  private cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    readonly email: string,
    private readonly password: string,
  ) {}

  private store(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  }

  /** `url` is a path of the app; redirects are returned, not followed. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(`${this.base}${url}`, { ...init, headers, redirect: "manual" });
    this.store(res);
    return res;
  }

  async signIn(): Promise<void> {
    const csrf = (await (await this.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await this.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { origin: this.base, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, email: this.email, password: this.password, json: "true" }),
    });
    await res.text();
    if (![...this.cookies.keys()].some((k) => k.endsWith("next-auth.session-token"))) throw new Error(`${this.email} could not sign in (HTTP ${res.status})`);
  }
}
