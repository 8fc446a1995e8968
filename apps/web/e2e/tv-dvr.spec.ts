import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./fixtures.ts";

/**
 * Cloud DVR: rules are made from the guide (/tv → a program → Record / Record series), then
 * managed on Upcoming, the series manager and the library. Every rule this spec makes it deletes
 * again, so later specs see the seeded household as it was.
 */

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
}

/** Opens the first program of the `index`-th recordable channel in the guide; returns its title. */
async function openRecordableProgram(page: Page, index: number): Promise<string> {
  await page.goto("/tv");
  await expect(page.getByRole("heading", { level: 1, name: "TV guide" })).toBeVisible();
  const rows = page
    .getByRole("table")
    .getByRole("row")
    .filter({ has: page.getByRole("link") })
    .filter({ hasNotText: "Recording not available on this channel" });
  await rows.nth(index).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/tv\/program\//);
  const title = (await page.getByRole("heading", { level: 1 }).textContent())?.trim() ?? "";
  expect(title).not.toBe("");
  return title;
}

test("record from the guide, see it upcoming, reorder, edit and stop it in the series manager", async ({ page }) => {
  await signIn(page);

  const series = await openRecordableProgram(page, 0);
  // Every airing on every channel, so the plan has something to show whatever the guide holds today.
  await page.getByLabel("All episodes, new and repeats").check();
  await page.getByLabel("On any channel").check();
  await page.getByRole("button", { name: "Record series" }).click();
  await expect(page).toHaveURL(/\/tv\/upcoming\?added=1$/);
  await expect(page.getByText("Recording added.", { exact: false })).toBeVisible();
  await expect(page.getByRole("link", { name: "Upcoming", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("article", { name: series }).first()).toBeVisible();
  await axe(page);

  // Skip one airing of the series, then take the skip back.
  const escaped = series.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  await page
    .getByRole("button", { name: new RegExp(`^Don't record ${escaped} on `) })
    .first()
    .click();
  await expect(page.getByText("Skipped by you").first()).toBeVisible();
  await expect(page.getByText("You chose not to record this airing.", { exact: false })).toBeVisible();
  await page.getByRole("button", { name: new RegExp(`^Record ${escaped} on .* after all$`) }).click();
  await expect(page.getByText("Skipped by you")).toHaveCount(0);

  // The timeline: boxes for the eye, and the same information as a table for screen readers.
  await page.getByRole("link", { name: "Timeline" }).click();
  await expect(page).toHaveURL(/view=timeline/);
  const table = page.getByRole("table", { name: /^Recordings on / }).first();
  await expect(table).toBeAttached();
  await expect(table.getByRole("columnheader", { name: "Recorded on" })).toBeAttached();
  await expect(page.getByRole("cell", { name: series }).first()).toBeAttached();
  await axe(page);

  const single = await openRecordableProgram(page, 1);
  await page.getByRole("button", { name: "Record", exact: true }).click();
  await expect(page).toHaveURL(/\/tv\/upcoming/);

  await page.getByRole("link", { name: "Series manager" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Series manager" })).toBeVisible();
  const list = page.getByRole("list", { name: "Recordings by priority" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(list.getByRole("listitem").first()).toContainText(series);
  await expect(page.getByRole("button", { name: `Move ${series} up` })).toBeDisabled();

  await page.getByRole("button", { name: `Move ${single} up` }).click();
  await expect(page.getByText(`${single} is now number 1.`)).toBeVisible();
  await expect(list.getByRole("listitem").first()).toContainText(single);
  await axe(page);

  await page.getByRole("link", { name: `Edit ${series}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Edit ${series}` })).toBeVisible();
  await page.getByLabel("Start early").selectOption({ label: "2 minutes" });
  await page.getByLabel("Episodes to keep").selectOption({ label: "The latest 5 episodes" });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Your changes were saved.")).toBeVisible();
  const edited = list.getByRole("listitem").filter({ hasText: series });
  await expect(edited).toContainText("Keeps the latest 5");
  await expect(edited).toContainText("Starts 2 min early, ends 0 min late");

  for (const title of [single, series]) {
    await page.getByRole("button", { name: `Delete ${title}` }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Stop recording" }).click();
    await expect(list.getByRole("listitem").filter({ hasText: title })).toHaveCount(0);
  }
  await expect(page.getByText("You're not recording anything yet")).toBeVisible();
});

test("the recordings library: storage, grouping, sorting, folders, protect and delete", async ({ page }) => {
  await signIn(page);
  await page.goto("/tv/recordings");
  await expect(page.getByRole("heading", { level: 1, name: "Recordings" })).toBeVisible();
  await expect(page.getByRole("meter", { name: "DVR storage used" })).toBeVisible();
  await expect(page.getByText(/^[\d,.]+ of [\d,.]+ hours used$/)).toBeVisible();

  await page.getByRole("link", { name: "By profile" }).click();
  await expect(page.getByRole("link", { name: "By profile" })).toHaveAttribute("aria-current", "page");
  await page.getByLabel("Sort").selectOption({ label: "Title" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/group=profile/);
  await expect(page).toHaveURL(/sort=title/);

  // Folders: create one, rename it, delete it.
  await page.getByLabel("New folder").fill("Weekend movies");
  await page.getByRole("button", { name: "Create folder" }).click();
  await expect(page.getByText("Folder created.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Weekend movies (0)" })).toBeVisible();
  await page.getByLabel("New folder").fill("Weekend movies");
  await page.getByRole("button", { name: "Create folder" }).click();
  await expect(page.getByText("You already have a folder with that name.")).toBeVisible();
  await page.getByText("Rename", { exact: true }).first().click();
  await page.getByLabel("New name for Weekend movies").fill("Movie night");
  await page.getByRole("button", { name: "Rename", exact: true }).click();
  await expect(page.getByText("Folder renamed.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("link", { name: "Movie night (0)" })).toBeVisible();
  await axe(page);
  await page.getByRole("button", { name: "Delete folder Movie night" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete folder" }).click();
  await expect(page.getByRole("link", { name: "Movie night (0)" })).toHaveCount(0);

  // The rest needs recordings in the demo library (seeded, or made by the recorder job).
  const rows = page.getByRole("checkbox", { name: /^Select (?!all of )/ });
  test.skip((await rows.count()) === 0, "the demo household has no recordings yet");

  const first = rows.first();
  const title = ((await first.getAttribute("aria-label")) ?? "").replace(/^Select /, "");
  const protect = page.getByRole("button", { name: `Protect ${title} from being deleted to make space` }).first();
  const wasProtected = (await protect.getAttribute("aria-pressed")) === "true";
  await protect.click();
  await expect(protect).toHaveAttribute("aria-pressed", wasProtected ? "false" : "true");
  await protect.click();
  await expect(protect).toHaveAttribute("aria-pressed", wasProtected ? "true" : "false");

  await first.check();
  await expect(page.getByText("1 recording selected")).toBeVisible();
  await page.getByRole("button", { name: "Delete 1 recording" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Delete 1 recording?");
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByText("1 recording was deleted.")).toBeVisible();
});
