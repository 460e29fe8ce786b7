/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships a wasm file; bundling it would serve it publicly and break its loader.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pg", "pino", "drizzle-orm", "rate-limiter-flexible"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
};

export default nextConfig;
