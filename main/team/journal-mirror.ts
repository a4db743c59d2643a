// This cockpit's copy of the team journal, in seq order with no gap: what `read` answers, what a cockpit shows while
// the store is away, and where a restart starts (it then fetches only what follows). A plain file of JSON lines
// under a header naming the store's migration row it copies; not fsync'd, since the store holds the truth: a line
// lost in a crash is fetched again. A mirror of another row (the store made anew) is started over.
import { open, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { JournalEntrySchema, type JournalEntry } from '../journal/entry';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../secrets/private-files';

interface Header {
  readonly mirrorOf: { readonly migration: string; readonly storeId: string | null };
}

export class JournalMirror {
  private constructor(
    private readonly file: string,
    private readonly migration: string,
    private storeId: string | null,
    private list: JournalEntry[],
    private handle: FileHandle,
    readonly damaged: { line: number; reason: string }[],
  ) {}

  static async open(dir: string, migration: string): Promise<JournalMirror> {
    await ensurePrivateDir(dir);
    const file = path.join(dir, 'journal.jsonl');
    let text = '';
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const lines = text.split('\n');
    let storeId: string | null = null;
    const entries: JournalEntry[] = [];
    try {
      const header = JSON.parse(lines[0] ?? '') as Header;
      if (header.mirrorOf?.migration === migration) storeId = header.mirrorOf.storeId;
    } catch {
      // No header (new, or torn at its first line): an empty mirror.
    }
    if (storeId !== null) {
      for (const line of lines.slice(1)) {
        if (line.trim() === '') continue;
        let parsed: ReturnType<typeof JournalEntrySchema.safeParse>;
        try {
          parsed = JournalEntrySchema.safeParse(JSON.parse(line));
        } catch {
          break; // a torn last line: everything after it is fetched again
        }
        if (!parsed.success || parsed.data.seq !== entries.length + 1) break;
        entries.push(parsed.data);
      }
    }
    const handle = await open(file, 'a', PRIVATE_FILE_MODE);
    const mirror = new JournalMirror(file, migration, storeId, entries, handle, []);
    // Rewritten when it held more than its intact prefix (a torn line) or no header: appends then follow cleanly.
    if (storeId === null || lines.filter((line) => line.trim() !== '').length !== entries.length + 1) await mirror.rewrite();
    return mirror;
  }

  get lastSeq(): number {
    return this.list.length;
  }

  /** Whether this mirror copies the store's row `storeId` (a mirror with no entries copies any). */
  isOf(storeId: string): boolean {
    return this.storeId === storeId;
  }

  entries(): JournalEntry[] {
    return [...this.list];
  }

  at(seq: number): JournalEntry | undefined {
    return this.list[seq - 1];
  }

  /** Adds the next entry (its seq must follow the last). */
  async add(entry: JournalEntry): Promise<void> {
    if (entry.seq !== this.list.length + 1) throw new Error(`journal mirror: entry ${entry.seq} does not follow ${this.list.length}`);
    // Written first, then counted: a reader never sees an entry the file does not have yet.
    await this.handle.write(`${JSON.stringify(entry)}\n`);
    this.list.push(entry);
  }

  /** Starts over as the mirror of `storeId`. */
  async reset(storeId: string): Promise<void> {
    this.storeId = storeId;
    this.list = [];
    await this.rewrite();
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }

  private async rewrite(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    const header: Header = { mirrorOf: { migration: this.migration, storeId: this.storeId } };
    const handle = await open(this.file, 'w', PRIVATE_FILE_MODE);
    await handle.write([JSON.stringify(header), ...this.list.map((entry) => JSON.stringify(entry))].join('\n') + '\n');
    await handle.close();
    this.handle = await open(this.file, 'a', PRIVATE_FILE_MODE);
  }
}
