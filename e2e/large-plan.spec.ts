// A large estate (2,000 stacks in 100 waves, bench/lib/large-plan.ts): the plan view renders only the cards on
// screen and the keyboard, search and the detail panel still reach every card; the waves overview shows all 100
// waves without two of them covering each other.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { largePlanStackId, largePlanWaveId, largePlanYaml } from '../bench/lib/large-plan';
import type { CockpitDriver } from './driver';
import { expect, test } from './fixtures';

const STACKS = 2000;
const WAVES = 100;
/** Far fewer than 2,000: what fits on a 1400 × 900 screen, plus the rows kept around it. */
const MAX_CARDS_RENDERED = 120;

async function openLargePlan(openCockpit: (plan: string) => Promise<CockpitDriver>, workDir: string): Promise<CockpitDriver> {
  const file = path.join(workDir, 'migration.yaml');
  await writeFile(file, largePlanYaml({ stacks: STACKS, waves: WAVES }));
  const cockpit = await openCockpit(file);
  await expect(cockpit.page.getByTestId('match-count')).toHaveText(`${STACKS} of ${STACKS} stacks`);
  return cockpit;
}

test.describe('a plan of 2,000 stacks', () => {
  test('renders a bounded number of cards, and the keyboard reaches the last card and back', async ({ openCockpit, workDir }) => {
    const cockpit = await openLargePlan(openCockpit, workDir);
    const { page } = cockpit;
    const first = largePlanStackId(0);
    const last = largePlanStackId(STACKS - 1);
    await expect(cockpit.stackCard(first)).toBeVisible();
    expect(await cockpit.stackCards().count()).toBeLessThanOrEqual(MAX_CARDS_RENDERED);
    await expect(cockpit.stackCard(last)).toHaveCount(0);

    await cockpit.stackCard(first).focus();
    await page.keyboard.press('End');
    await expect(cockpit.stackCard(last)).toBeFocused();
    await expect(cockpit.stackCard(last)).toBeInViewport();
    expect(await cockpit.stackCards().count()).toBeLessThanOrEqual(MAX_CARDS_RENDERED);
    await page.keyboard.press('ArrowLeft');
    await expect(cockpit.stackCard(largePlanStackId(STACKS - 2))).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(cockpit.stackCard(largePlanStackId(STACKS - 40 + 18))).toBeFocused();

    await page.keyboard.press('Home');
    await expect(cockpit.stackCard(first)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(cockpit.stackCard(largePlanStackId(20))).toBeFocused();
    // The one Tab stop stays on the focused card even after it is scrolled far away.
    await page.keyboard.press('End');
    await expect(cockpit.stackCard(last)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(cockpit.stackDetail()).toContainText(last.split('/')[1]!);
    await page.keyboard.press('Escape');
    await expect(cockpit.stackCard(last)).toBeFocused();
  });

  test('searches and filters the 2,000 stacks', async ({ openCockpit, workDir }) => {
    const cockpit = await openLargePlan(openCockpit, workDir);
    const { page } = cockpit;
    await cockpit.search('app1999');
    await expect(cockpit.stackCards()).toHaveCount(1);
    await expect(cockpit.stackCards().first()).toHaveAttribute('data-stack-id', largePlanStackId(1998));
    await cockpit.search(largePlanWaveId(WAVES - 1));
    await expect(page.getByTestId('match-count')).toHaveText(`20 of ${STACKS} stacks`);
    await expect(cockpit.waves()).toHaveCount(1);
    await expect(cockpit.wave(largePlanWaveId(WAVES - 1))).toContainText('20 stacks');
    await cockpit.search('');
    await page.getByRole('combobox', { name: 'Project' }).selectOption('shared-services');
    await expect(page.getByTestId('match-count')).toHaveText(`${STACKS / 4} of ${STACKS} stacks`);
    expect(await cockpit.stackCards().count()).toBeLessThanOrEqual(MAX_CARDS_RENDERED);
  });

  test('shows all 100 waves on the overview, none covering another', async ({ openCockpit, workDir }) => {
    const cockpit = await openLargePlan(openCockpit, workDir);
    const { page } = cockpit;
    await page.getByRole('tab', { name: 'Waves' }).click();
    const items = page.getByTestId('overview-wave');
    await expect(items).toHaveCount(96);
    await expect(page.getByTestId('unscheduled-wave')).toHaveCount(4);
    const boxes = await items.evaluateAll((elements) =>
      elements.map((element) => {
        const box = element.getBoundingClientRect();
        return { id: element.getAttribute('data-wave-id'), left: box.left, right: box.right, top: box.top, bottom: box.bottom };
      }),
    );
    const overlapping = boxes.flatMap((a, i) =>
      boxes
        .slice(i + 1)
        .filter((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
        .map((b) => `${a.id} × ${b.id}`),
    );
    expect(overlapping).toEqual([]);
    await expect(page.getByTestId('overview-phase')).toHaveCount(100);
  });
});
