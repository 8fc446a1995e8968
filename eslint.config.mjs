import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

const banImports = (patterns, message) => ({
  "no-restricted-imports": ["error", { patterns: [{ group: patterns, message }] }],
});

/**
 * The dependency direction is web -> core -> db and web -> ui; environment variables are read
 * in one env module per package. Both are enforced here rather than trusted to review.
 */
export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/.next/**",
      "**/generated/**",
      "**/dist/**",
      "**/coverage/**",
      "test-results/**",
      "playwright-report/**",
      ".data/**",
      "**/next-env.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "MemberExpression[object.type='MemberExpression'][object.object.name='process'][object.property.name='env'][property.name!='NODE_ENV']",
          message: "Read configuration through this package's env module (env.ts), not process.env.",
        },
        {
          selector: "MemberExpression[object.name='process'][property.name='env'][parent.type!='MemberExpression']",
          message: "Read configuration through this package's env module (env.ts), not process.env.",
        },
      ],
    },
  },
  {
    files: ["**/env.ts", "**/*.config.ts", "**/*.config.mjs", "scripts/**", "**/*.test.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    files: ["packages/db/**"],
    rules: banImports(
      [
        "@homeport/core",
        "@homeport/core/*",
        "@homeport/ui",
        "@homeport/ui/*",
        "@homeport/web",
        "next",
        "next/*",
        "react",
        "react-dom",
      ],
      "packages/db knows nothing of the business or the UI.",
    ),
  },
  {
    files: ["packages/core/**"],
    rules: banImports(
      [
        "@homeport/ui",
        "@homeport/ui/*",
        "@homeport/web",
        "next",
        "next/*",
        "next-auth",
        "next-auth/*",
        "react",
        "react-dom",
      ],
      "packages/core holds the business: no web framework, React or UI.",
    ),
  },
  {
    files: ["packages/ui/**"],
    rules: banImports(
      ["@homeport/*", "next", "next/*"],
      "packages/ui is presentation only: it imports nothing of ours.",
    ),
  },
  {
    files: ["apps/web/**"],
    rules: banImports(
      ["@homeport/db", "@homeport/db/*", "@prisma/*"],
      "The web app reaches data through packages/core use cases.",
    ),
  },
);
