import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${port}`;
// Debian's Chromium (Playwright cannot download its own browser here); the real binary, not the wrapper.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  // Room for a shared CI machine's slow moments; a wait that cannot succeed still fails well before
  // that, on the expect, action and navigation timeouts below.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  // The built app on a fresh embedded database, so every run starts from the demo organisation.
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        command: "rm -rf .data/e2e && node --import ./scripts/node/register.mjs server.ts",
        url: `${baseURL}/api/health/ready`,
        timeout: 180_000,
        reuseExistingServer: !process.env.CI,
        stdout: "pipe",
        stderr: "pipe",
        env: { NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", PGLITE_DIR: ".data/e2e/pglite", DATABASE_URL: "" },
      },
});
