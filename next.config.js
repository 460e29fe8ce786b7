import createNextIntlPlugin from "next-intl/plugin";

// The interface language comes from the signed-in person (i18n/request.ts), not from the URL.
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships a wasm file; bundling it would serve it publicly and break its loader.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pg", "pino", "drizzle-orm", "rate-limiter-flexible", "prom-client"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
};

export default withNextIntl(nextConfig);
