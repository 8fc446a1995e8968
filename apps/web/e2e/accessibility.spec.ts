import AxeBuilder from "@axe-core/playwright";
import { type BrowserContext, expect, test } from "@playwright/test";
import { ROUTE_MATRIX } from "./authorization/matrix.ts";
import { ROUTE_PARAMS } from "./authorization/params.ts";
import { ownerObjectIds, type Role, routeFiles, urlPath } from "./authorization/targets.ts";
import { visitorContext } from "./authorization/visitors.ts";
import { E2E_DATABASE_URL } from "./env.ts";

/**
 * axe (WCAG 2.2 A/AA) on every page the portal serves, each as a visitor who may see it (found in
 * the authorization matrix), in the light and the dark theme at desktop width and at phone width:
 * zero violations. The page list comes from the files on disk, so a new page is checked too.
 */
const databaseUrl = E2E_DATABASE_URL;
const VIEWERS: Role[] = ["signedOut", "owner", "admin"];
const VIEWS = [
  { name: "light, desktop", colorScheme: "light", width: 1280, height: 800 },
  { name: "dark, desktop", colorScheme: "dark", width: 1280, height: 800 },
  { name: "light, phone", colorScheme: "light", width: 390, height: 844 },
] as const;

/** Pages (not route handlers), each with the first of VIEWERS the matrix lets see it. */
function pagesByViewer(): Map<Role, string[]> {
  const pages = new Map<Role, string[]>(VIEWERS.map((role) => [role, []]));
  for (const file of routeFiles().filter((f) => f.endsWith("page.tsx"))) {
    const viewer = VIEWERS.find((role) => ROUTE_MATRIX[file]?.[role] === "ok");
    if (viewer) pages.get(viewer)!.push(file);
  }
  return pages;
}

test("every page is seen by some visitor", () => {
  const seen = [...pagesByViewer().values()].flat();
  const pages = routeFiles().filter((f) => f.endsWith("page.tsx"));
  // The exceptions only send the visitor on (to the first console area, to a payment that needs no
  // more authentication, to the request form on /privacy); where they lead is checked.
  const unseen = pages.filter((page) => !seen.includes(page));
  expect(unseen).toEqual([
    "(portal)/admin/page.tsx",
    "(portal)/billing/payments/[id]/authenticate/page.tsx",
    "privacy/requests/new/page.tsx",
  ]);
});

for (const viewer of VIEWERS) {
  test(`pages for ${viewer}: no axe violations in either theme, on desktop and phone`, async ({ browser }) => {
    test.setTimeout(420_000);
    const ids = await ownerObjectIds(databaseUrl);
    const files = pagesByViewer().get(viewer)!;
    let context: BrowserContext | undefined;
    try {
      ({ context } = await visitorContext(browser, viewer));
      const page = await context.newPage();
      const failures: string[] = [];
      for (const view of VIEWS) {
        await page.setViewportSize({ width: view.width, height: view.height });
        await page.emulateMedia({ colorScheme: view.colorScheme });
        for (const file of files) {
          const path = urlPath(file, ROUTE_PARAMS[file]?.(ids));
          await page.goto(path);
          await expect(page.locator("html")).toHaveClass(view.colorScheme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
          const results = await new AxeBuilder({ page })
            .withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"])
            .analyze();
          for (const violation of results.violations) {
            const targets = violation.nodes.map((node) => node.target.join(" ")).slice(0, 3);
            failures.push(`${path} (${view.name}): ${violation.id} — ${violation.help} — ${targets.join(", ")}`);
          }
          if (view.width < 500) {
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            if (overflow > 1) failures.push(`${path} (${view.name}): the page scrolls sideways by ${overflow}px`);
          }
        }
      }
      expect(failures, failures.join("\n")).toEqual([]);
    } finally {
      await context?.close();
    }
  });
}
