import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier";

const config = [
  ...nextVitals,
  ...nextTs,
  prettier,
  // App Router only: the pages/ rule has nothing to check and warns on every run.
  {
    rules: {
      "@next/next/no-html-link-for-pages": "off",
      // A leading underscore marks a parameter kept for an interface's shape.
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
    },
  },
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".data/**",
      ".test-data/**",
      "lib/generated/**",
      "next-env.d.ts",
    ],
  },
];

export default config;
