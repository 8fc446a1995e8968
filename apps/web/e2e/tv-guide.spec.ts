import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./fixtures.ts";

const NOT_RECORDABLE = "Recording not available on this channel";

/** The grid's rows with programs on a channel the household may record. */
function recordableRows(page: Page) {
  return page
    .getByRole("table", { name: /^TV guide for/ })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader") })
    .filter({ hasNot: page.getByText(NOT_RECORDABLE) })
    .filter({ has: page.getByRole("link") });
}

test("browse the guide, move later, search a show and record its series", async ({ page }) => {
  await signIn(page);
  await page.goto("/tv");
  await expect(page.getByRole("heading", { level: 1, name: "TV guide" })).toBeVisible();
  const grid = page.getByRole("table", { name: /^TV guide for/ });
  await expect(grid).toBeVisible();
  await expect(grid.getByRole("columnheader", { name: "Channel" })).toBeVisible();
  await expect(grid.getByRole("columnheader", { name: /Now/ })).toBeVisible();

  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);

  // Pages through channels with plain links.
  const shown = page.getByText(/^Channels \d+–\d+$/);
  const firstPage = await shown.textContent();
  await page.getByRole("link", { name: "Next channels" }).click();
  await expect(shown).not.toHaveText(firstPage ?? "");
  await page.getByRole("link", { name: "Previous channels" }).click();
  await expect(shown).toHaveText(firstPage ?? "");

  // Three hours later: nothing on screen has started yet, so every airing can still be recorded.
  await page.getByRole("link", { name: "Later" }).click();
  await expect(page).toHaveURL(/\/tv\?day=\d{4}-\d{2}-\d{2}&time=\d{2}(:|%3A)\d{2}/);
  await expect(grid.getByRole("columnheader", { name: /Now/ })).toHaveCount(0);
  const program = recordableRows(page).first().getByRole("link").first();
  // The link's name carries the title and the time.
  await expect(program).toHaveAccessibleName(/\d{1,2}:\d{2}/);
  await program.click();
  await expect(page).toHaveURL(/\/tv\/program\/[0-9a-f-]{36}$/);
  const programUrl = page.url();
  const title = (await page.getByRole("heading", { level: 1 }).textContent())?.trim() ?? "";
  expect(title.length).toBeGreaterThan(0);
  // Channel, then time: the search lists each airing by its time.
  const when = (await page.getByRole("definition").nth(1).textContent())?.trim() ?? "";

  // Search finds it, grouped under its title.
  await page.goto("/tv");
  await page.getByLabel("Search shows and movies").fill(title.toUpperCase());
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/tv\/search\?q=/);
  await expect(page.getByRole("region", { name: /matching/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: title, exact: true }).first()).toBeVisible();
  // The same airing, when the series' first few airings listed include it (a show on all day may not).
  const sameAiring = page.getByRole("link", { name: when, exact: false });
  if ((await sameAiring.count()) > 0) await sameAiring.first().click();
  else await page.goto(programUrl);
  await expect(page.getByRole("heading", { level: 1, name: title, exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Other airings of this episode" })).toBeVisible();

  // Record the series, with options.
  await page.getByLabel("All episodes, new and repeats").check();
  await page.getByLabel("On any channel").check();
  await page.getByLabel("Episodes to keep").selectOption({ label: "The latest 5 episodes" });
  await page.getByLabel("Until I delete them").check();
  await page.getByLabel("Start recording early").selectOption({ label: "2 minutes" });
  await page.getByLabel("Keep recording after the end").selectOption({ label: "5 minutes" });
  await page.getByRole("button", { name: "Record series" }).click();
  await expect(page).toHaveURL(/\/tv\/upcoming\?added=1$/);
  // The upcoming recordings list the series' airings.
  await expect(page.getByText(title, { exact: true }).first()).toBeVisible();

  // The airing's page now says so.
  await page.goto(programUrl);
  await expect(page.getByText("This series is set to record.").first()).toBeVisible();
});

test("a phone gets the same grid, scrolled sideways inside its region with the channels kept in view", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page);
  await page.goto("/tv");
  await expect(page.getByRole("heading", { level: 1, name: "TV guide" })).toBeVisible();
  const grid = page.getByRole("region", { name: /^TV guide for/ });
  await expect(recordableRows(page).first().getByRole("link").first()).toBeVisible();
  const widens = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  expect(widens).toBe(false);

  const firstChannel = page.getByRole("rowheader").first();
  const before = await firstChannel.boundingBox();
  await grid.evaluate((region) => region.scrollBy({ left: 400 }));
  await expect.poll(() => grid.evaluate((region) => region.scrollLeft)).toBeGreaterThan(0);
  expect((await firstChannel.boundingBox())?.x).toBe(before?.x);
});

test("jump to a channel and pick a day with plain GET forms", async ({ page }) => {
  await signIn(page);
  await page.goto("/tv");
  await page.getByLabel("Go to channel").fill("60");
  await page.getByRole("button", { name: "Go", exact: true }).click();
  await expect(page).toHaveURL(/[?&]ch=60/);
  await expect(page.getByRole("rowheader").first()).toHaveText(/^(6\d|[7-9]\d|\d{3,})\b/);
  await page.getByRole("combobox", { name: "Day", exact: true }).selectOption({ label: "Tomorrow" });
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page).toHaveURL(/[?&]day=\d{4}-\d{2}-\d{2}/);
  await expect(page.getByRole("table", { name: /^TV guide for/ })).toBeVisible();
});
