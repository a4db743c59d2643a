// The append-only journal of everything the cockpit did: one JSON line per entry, fsync'd before the append
// is acknowledged, so it survives a crash of the core or the machine. A torn last line (a crash mid-write)
// is reported and skipped; every complete entry before it is kept.
import { open, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensurePrivateDir, ensurePrivateFile, PRIVATE_FILE_MODE } from '../secrets/private-files';
import { JournalEntrySchema, type JournalAwsIdentity, type JournalEntry, type JournalEntryInput } from './entry';

export interface JournalReadResult {
  readonly entries: JournalEntry[];
  /** Lines that could not be read (1-based line numbers and why), e.g. a torn last line after a crash. */
  readonly damaged: { line: number; reason: string }[];
}

/**
 * Where the core journals: the local file (`FileJournal`, one operator) or the team store (`main/team/`), which
 * every cockpit on the plan shares. Appends resolve once the entry is durable and ordered; `read` is every entry in order.
 */
export interface Journal {
  append(input: JournalEntryInput): Promise<JournalEntry>;
  read(): Promise<JournalReadResult>;
}

export class FileJournal implements Journal {
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly file: string,
    private nextSeq: number,
    private readonly actor: string,
    private readonly redact: (entry: JournalEntry) => JournalEntry,
    private readonly onAppended: (entry: JournalEntry) => void,
    private readonly awsIdentity: () => JournalAwsIdentity | undefined,
  ) {}

  /**
   * Opens (or creates) the journal in `dir`; `redact` scrubs secret values from every entry before it is written.
   * `actor` is the operator's OS user (default user@host); `awsIdentity`, asked at each append, is the AWS caller
   * identity the cockpit acts as (on AWS, once known), recorded beside the actor. A name typed into a confirmation
   * goes into the entry's details, never into either.
   */
  static async open(
    dir: string,
    options: {
      actor?: string;
      awsIdentity?: () => JournalAwsIdentity | undefined;
      redact?: (entry: JournalEntry) => JournalEntry;
      onAppended?: (entry: JournalEntry) => void;
    } = {},
  ): Promise<{ journal: FileJournal; existing: JournalReadResult }> {
    await ensurePrivateDir(dir);
    const file = path.join(dir, 'journal.jsonl');
    await ensurePrivateFile(file);
    await endWithNewline(file);
    const existing = await readJournal(file);
    const lastSeq = existing.entries.at(-1)?.seq ?? 0;
    const actor = options.actor ?? osActor();
    const journal = new FileJournal(
      file,
      lastSeq + 1,
      actor,
      options.redact ?? ((entry) => entry),
      options.onAppended ?? (() => {}),
      options.awsIdentity ?? (() => undefined),
    );
    return { journal, existing };
  }

  /** Appends one entry and resolves once it is on disk. Appends are serialized in call order. */
  append(input: JournalEntryInput): Promise<JournalEntry> {
    const awsIdentity = this.awsIdentity();
    const entry = this.redact(
      JournalEntrySchema.parse({
        ...input,
        seq: this.nextSeq++,
        at: new Date().toISOString(),
        actor: this.actor,
        ...(awsIdentity ? { awsIdentity: { accountId: awsIdentity.accountId, arn: awsIdentity.arn } } : {}),
      }),
    );
    const write = this.tail.then(async () => {
      const handle = await open(this.file, 'a', PRIVATE_FILE_MODE);
      try {
        await handle.write(`${JSON.stringify(entry)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      this.onAppended(entry);
      return entry;
    });
    // A failed write must not block later ones; the caller of this append still sees its failure.
    this.tail = write.catch(() => undefined);
    return write;
  }

  read(): Promise<JournalReadResult> {
    return this.tail.then(() => readJournal(this.file));
  }
}

/** The operator's OS user on this machine, user@host: the journal's actor. */
export function osActor(): string {
  let user: string;
  try {
    user = os.userInfo().username;
  } catch {
    user = process.env.USER ?? process.env.USERNAME ?? 'unknown-user';
  }
  return `${user}@${os.hostname()}`;
}

/** After a crash mid-write the file may end inside a line: close that line so the next entry starts clean. */
async function endWithNewline(file: string): Promise<void> {
  const handle = await open(file, 'a+');
  try {
    const { size } = await handle.stat();
    if (size === 0) return;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    if (last[0] !== 0x0a) {
      await handle.write('\n');
      await handle.sync();
    }
  } finally {
    await handle.close();
  }
}

export async function readJournal(file: string): Promise<JournalReadResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], damaged: [] };
    throw error;
  }
  const entries: JournalEntry[] = [];
  const damaged: JournalReadResult['damaged'] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      const parsed = JournalEntrySchema.safeParse(JSON.parse(line));
      if (parsed.success) entries.push(parsed.data);
      else damaged.push({ line: index + 1, reason: `not a journal entry: ${parsed.error.issues[0]?.message ?? 'invalid'}` });
    } catch {
      damaged.push({ line: index + 1, reason: 'incomplete line (the cockpit stopped while writing it)' });
    }
  });
  return { entries, damaged };
}
