// Opening a cockpit's war room as a person on the network would: their link from the links file, in a Chromium of
// its own that trusts exactly the certificate the cockpit printed (its key's SPKI hash), as someone who compared the
// fingerprint would. The page's console errors are collected (a CSP violation is one).
import { chromium, type Browser, type Page } from '@playwright/test';
import { createHash, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS } from './launchers/chromium';
import type { PrintedWarRoom } from './launchers/launcher';

/** Each person's link, in the links file's order (the shared screen first). */
export async function warRoomLinks(room: PrintedWarRoom): Promise<Map<string, string>> {
  const rows = (await readFile(room.linksFile, 'utf8')).split('\n').filter((line) => line !== '' && !line.startsWith('#'));
  return new Map(rows.map((row) => row.split('\t') as [string, string]));
}

/** The certificate the war room keeps beside its links (the one it serves and printed the fingerprint of). */
export async function warRoomCertificate(room: PrintedWarRoom): Promise<X509Certificate> {
  return new X509Certificate(await readFile(path.join(path.dirname(room.linksFile), 'war-room-cert.pem')));
}

export interface OpenedWarRoom {
  readonly page: Page;
  readonly errors: string[];
  close(): Promise<void>;
}

/** `person`'s war room, opened from their link and past the token exchange. */
export async function openWarRoom(room: PrintedWarRoom, person: string): Promise<OpenedWarRoom> {
  const link = (await warRoomLinks(room)).get(person);
  if (!link) throw new Error(`the war room has no link for ${person}`);
  const certificate = await warRoomCertificate(room);
  const spki = createHash('sha256')
    .update(certificate.publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64');
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${spki}`] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    // Which address failed (the console only says that one did).
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    await page.goto(link);
    await page.waitForURL((address) => address.origin === room.origin && !address.search.includes('token='));
    return { page, errors, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
