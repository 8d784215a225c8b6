import { defineConfig } from "@playwright/test";

// End-to-end tests drive the production build (`npm start`) on its own port and its own embedded
// database folder, so they never touch the folder of a running dev app.
const port = Number(process.env.E2E_PORT ?? 3100);
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? 3101);
const mailHttpPort = Number(process.env.E2E_MAIL_HTTP_PORT ?? 3102);
const mailSmtpPort = Number(process.env.E2E_MAIL_SMTP_PORT ?? 3103);
const baseURL = `http://localhost:${port}`;
process.env.E2E_MAIL_URL = `http://127.0.0.1:${mailHttpPort}/mail`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  webServer: [
    {
      command: "npx tsx e2e/mail-peer.ts",
      port: mailHttpPort,
      env: { MAIL_SMTP_PORT: String(mailSmtpPort), MAIL_HTTP_PORT: String(mailHttpPort) },
      reuseExistingServer: false,
    },
    {
      command: "npx tsx e2e/oidc-provider.ts",
      port: oidcPort,
      env: { OIDC_PORT: String(oidcPort), APP_URL: baseURL },
      reuseExistingServer: false,
    },
    {
      command: "rm -rf .data/e2e && mkdir -p .data/e2e && npx tsx scripts/start.ts",
      url: `${baseURL}/api/health`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        PORT: String(port),
        PGLITE_DIR: ".data/e2e/pglite",
        DATABASE_URL: "",
        NEXTAUTH_URL: baseURL,
        SMTP_URL: `smtp://127.0.0.1:${mailSmtpPort}`,
        BCRYPT_COST: "8",
        OIDC_ISSUER: `http://localhost:${oidcPort}`,
        OIDC_CLIENT_ID: "workbench-e2e",
        OIDC_CLIENT_SECRET: "workbench-e2e-secret",
        OIDC_NAME: "Local SSO",
      },
    },
  ],
});
