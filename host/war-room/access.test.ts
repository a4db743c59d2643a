import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LINKS_FILE, openWarRoomAccess, SHARED_SCREEN } from './access';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'mc-access-'));
});
afterEach(async () => rm(folder, { recursive: true, force: true }));

const tokensFile = () => path.join(folder, 'war-room-tokens.json');

describe('war-room access', () => {
  it('names the shared screen so that no plan user can be it', () => {
    expect(SHARED_SCREEN).toBe('shared screen');
    expect(/^[A-Za-z0-9._-]{1,64}(@[A-Za-z0-9._-]{1,253})?$/.test(SHARED_SCREEN)).toBe(false);
  });

  it('keeps the files whole when the plan changes twice at once', async () => {
    const access = await openWarRoomAccess(folder, 'https://room:8443', ['alice']);
    await Promise.all([access.follow(['alice', 'bob']), access.follow(['alice', 'bob', 'carol']), access.follow(['carol'])]);
    const tokens = JSON.parse(await readFile(tokensFile(), 'utf8')) as { tokens: Record<string, string> };
    expect(Object.keys(tokens.tokens)).toEqual([SHARED_SCREEN, 'carol']);
    const links = (await readFile(path.join(folder, LINKS_FILE), 'utf8')).split('\n').filter((line) => line && !line.startsWith('#'));
    expect(links.map((line) => line.split('\t')[0])).toEqual([SHARED_SCREEN, 'carol']);
    expect(access.who(tokens.tokens.carol!)).toBe('carol');
    expect(access.who(tokens.tokens.carol!.slice(1))).toBeUndefined();
  });

  it('says a damaged tokens file cannot be read, without quoting it', async () => {
    const token = 'B'.repeat(43);
    await writeFile(tokensFile(), `{"version": 1, "tokens": {"alice": "${token}"`);
    const opening = openWarRoomAccess(folder, 'https://room:8443', ['alice']);
    await expect(opening).rejects.toThrow(/war-room-tokens\.json cannot be read \(it is not JSON\): delete it to issue new war-room links$/);
    await expect(opening).rejects.not.toThrow(/BBBB/);
  });

  it('keeps the tokens as they are when who is on the team is not known', async () => {
    const access = await openWarRoomAccess(folder, 'https://room:8443', ['alice']);
    const before = await readFile(tokensFile(), 'utf8');
    await access.follow(undefined);
    expect(await readFile(tokensFile(), 'utf8')).toBe(before);
  });
});
