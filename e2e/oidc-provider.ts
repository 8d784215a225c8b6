// A local OpenID Connect provider for the end-to-end tests: no outside service is reached.
// oidc-provider's built-in development interactions accept any login name and show a consent step.
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT ?? 3101);
const appUrl = process.env.APP_URL ?? "http://localhost:3100";
const issuer = `http://localhost:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "workbench-e2e",
      client_secret: "workbench-e2e-secret",
      redirect_uris: [`${appUrl}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  // Put the scope's claims in the ID token, as the large providers do.
  conformIdTokenClaims: false,
  cookies: { keys: ["e2e-only-cookie-key"] },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    const login = id.toLowerCase().replace(/[^a-z0-9.-]/g, "");
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: `${login}@sso.example.test`, email_verified: true, name: `SSO ${login}` };
      },
    };
  },
});

provider.listen(port, () => console.log(`local OIDC provider at ${issuer}`));
