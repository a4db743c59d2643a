// The evidence pack's HTML as a reader sees it, on screen and printed: long values (ARNs, URLs, reasons) wrap inside
// the page instead of running off it, and short words are never cut mid-letter by a neighbour that squeezes them.
// Layout needs a browser: Debian's Chromium, as the e2e tests use.
import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipNoteOrFail } from '../../test/support/required-tools';
import { renderHtml, type EvidenceDocument } from './evidence';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARN = 'arn:aws:dms:eu-central-1:123456789012:task:ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMN';
const URL = 'https://app1101.aws.example.internal/healthz?traffic=aws&check=deep&region=eu-central-1&a-very-long-parameter-name=value';
const REASON = 'CDC latency 12 s above the gate of 5 s for app1101-mysql-full-load-cdc; validation suspended on servicedesk.ticket_comments';
const SHORT_WORDS = ['succeeded', 'failed', 'stop', 'tester@host', 'Attempt', 'Result', 'Action'];

const doc: EvidenceDocument = {
  title: 'Evidence pack — wave-1: Pilot: internal tools',
  sections: [
    {
      title: 'About this pack',
      level: 2,
      blocks: [
        {
          kind: 'kv',
          rows: [
            ['Task ARN', ARN],
            ['Health URL', URL],
            ['Reason', REASON],
          ],
        },
      ],
    },
    {
      title: 'Runbook run 1',
      level: 2,
      blocks: [
        {
          kind: 'table',
          head: ['Step', 'Attempt', 'Started', 'Ended', 'Result', 'By', 'Message'],
          rows: [
            ['health: Health check', '1', '2026-12-05 01:10:00 UTC', '2026-12-05 01:10:05 UTC', 'failed', 'tester@host', `HTTP 503 from ${URL}`],
            ['stop-replication', '1', '2026-12-05 01:05:00 UTC', '2026-12-05 01:06:00 UTC', 'succeeded', 'tester@host', `stopped ${ARN}`],
          ],
        },
      ],
    },
    {
      title: 'Replication task control',
      level: 2,
      blocks: [
        {
          kind: 'table',
          head: ['Task', 'ARN', 'Action', 'Result', 'By', 'Message'],
          rows: [['app1101-mysql-full-load-cdc', ARN, 'stop', 'succeeded', 'tester@host', REASON]],
        },
      ],
    },
    { title: 'Log', level: 2, blocks: [{ kind: 'pre', text: `${ARN}${ARN}\n${URL}` }] },
  ],
};

let browser: Browser | undefined;
beforeAll(async () => {
  if (existsSync(CHROMIUM)) browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => {
  await browser?.close();
});

/** How far the page sticks out sideways, and which short words the layout cut over two lines. */
async function measure(page: Page): Promise<{ overflow: number; cutWords: string[] }> {
  const overflow = await page.locator('html').evaluate((root) => root.scrollWidth - root.clientWidth);
  const cutWords = await page.locator('td, th').evaluateAll(
    (cells, shortWords) =>
      cells.flatMap((cell) => {
        const text = cell.textContent ?? '';
        if (!shortWords.includes(text)) return [];
        const range = cell.ownerDocument.createRange();
        range.selectNodeContents(cell);
        // One line box per line: a word cut mid-letter spans two.
        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        return lines.size > 1 ? [text] : [];
      }),
    SHORT_WORDS,
  );
  return { overflow, cutWords };
}

describe('evidence pack layout', () => {
  for (const [name, width, media] of [
    ['on a 1280 px screen', 1280, 'screen'],
    ['on an 800 px screen', 800, 'screen'],
    ['printed on A4 landscape', 1047, 'print'],
  ] as const) {
    it(`wraps long values inside the page and keeps short words whole ${name}`, async ({ skip }) => {
      if (!browser) skip(skipNoteOrFail('chromium', `no Chromium at ${CHROMIUM} (apt-get install chromium)`));
      const page = await browser!.newPage({ viewport: { width, height: 900 } });
      try {
        await page.emulateMedia({ media });
        await page.setContent(renderHtml(doc));
        expect(await measure(page)).toEqual({ overflow: 0, cutWords: [] });
      } finally {
        await page.close();
      }
    });
  }
});
