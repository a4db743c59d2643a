// Who may watch the war room: a token per person of the plan's team, and one for the shared screen itself. Kept in
// the data folder (readable by this user only), so the links people were given still work after the cockpit
// restarts; a person taken out of the plan loses theirs at once (and gets a new one if put back). The links are
// written to a file beside it, never to the console or a log: each is a credential.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ensurePrivateDir, writePrivateFileAtomically } from '../../main/secrets/private-files';

/** The token for the wall screen (the room's display, not a person: a space no plan's user name may hold). */
export const SHARED_SCREEN = 'shared screen';

const TOKENS_FILE = 'war-room-tokens.json';
export const LINKS_FILE = 'war-room-links.txt';

export interface WarRoomAccess {
  /** The person a token belongs to, or undefined (unknown, or their person left the plan). Constant time per token. */
  who(token: string): string | undefined;
  /**
   * Gives everyone in `people` (and the shared screen) a token, takes theirs from anyone else; rewrites the links.
   * undefined: who is on the team is not known now (no plan loaded): the tokens stay as they are.
   */
  follow(people: readonly string[] | undefined): Promise<void>;
  /** The file the links are in. */
  readonly linksFile: string;
}

export async function openWarRoomAccess(folder: string, origin: string, people: readonly string[] | undefined): Promise<WarRoomAccess> {
  await ensurePrivateDir(folder);
  const tokensFile = path.join(folder, TOKENS_FILE);
  const linksFile = path.join(folder, LINKS_FILE);
  let tokens = new Map(Object.entries(await readTokens(tokensFile)));
  let linksWritten = false;

  // One follow at a time, in call order: two plan changes in quick succession must not interleave their writes.
  let following: Promise<void> = Promise.resolve();
  const followNow = async (people: readonly string[] | undefined) => {
    const wanted = [SHARED_SCREEN, ...new Set(people ?? [...tokens.keys()].filter((person) => person !== SHARED_SCREEN))];
    const next = new Map(wanted.map((person) => [person, tokens.get(person) ?? randomBytes(32).toString('base64url')]));
    const changed = next.size !== tokens.size || [...next].some(([person, token]) => tokens.get(person) !== token);
    tokens = next;
    // The links name this launch's origin (its port may be new): written at the first call whatever the tokens.
    if (!changed && linksWritten) return;
    linksWritten = true;
    await writePrivateFileAtomically(tokensFile, `${JSON.stringify({ version: 1, tokens: Object.fromEntries(tokens) }, null, 2)}\n`);
    const lines = [...tokens].map(([person, token]) => `${person}\t${origin}/?token=${token}`);
    await writePrivateFileAtomically(
      linksFile,
      `# Migration Cockpit war room: one link per person (read-only view). Each link is a credential: hand it to its\n` +
        `# person only. Delete ${TOKENS_FILE} and restart the cockpit to issue new ones.\n${lines.join('\n')}\n`,
    );
  };
  const follow = (people: readonly string[] | undefined) => {
    const next = following.then(() => followNow(people));
    following = next.catch(() => undefined);
    return next;
  };
  await follow(people);

  return {
    linksFile,
    follow,
    who(candidate) {
      const presented = Buffer.from(candidate);
      let found: string | undefined;
      // Every token is compared, so the time taken does not say which person's token came closest.
      for (const [person, token] of tokens) {
        const bytes = Buffer.from(token);
        if (bytes.length === presented.length && timingSafeEqual(bytes, presented)) found = person;
      }
      return found;
    },
  };
}

async function readTokens(file: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    // Only a file that is not there means "no tokens yet"; one that cannot be read must not silently issue new links.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(
      `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): fix its permissions, or delete it to issue new war-room links`,
      {
        cause: error,
      },
    );
  }
  try {
    let parsed: { version?: unknown; tokens?: unknown };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      // Not the parser's message: it quotes the text, tokens and all.
      throw new Error('it is not JSON');
    }
    const tokens = parsed.tokens;
    if (parsed.version !== 1 || typeof tokens !== 'object' || tokens === null) throw new Error('not version 1');
    return Object.fromEntries(Object.entries(tokens).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].length >= 32));
  } catch (error) {
    throw new Error(`${file} cannot be read (${error instanceof Error ? error.message : String(error)}): delete it to issue new war-room links`, {
      cause: error,
    });
  }
}
