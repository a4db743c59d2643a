// Entries written here before the team store has them: one file per entry, fsync'd (file and folder) before the
// write is acknowledged, removed once the store committed it. An entry therefore survives the store going away and
// this cockpit dying while it is away; the next start (or reconnect) stores it, and the store's unique entry id makes
// a second attempt of an entry it already has a no-op, so nothing is lost and nothing is written twice.
import { open, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../secrets/private-files';
import { PendingEntrySchema, type PendingEntry } from './pending-entry';

export class Outbox {
  private counter = 0;

  private constructor(private readonly dir: string) {}

  static async open(dir: string): Promise<Outbox> {
    await ensurePrivateDir(dir);
    return new Outbox(dir);
  }

  /** Durably keeps `entry`; resolves once it is on disk. */
  async put(entry: PendingEntry): Promise<void> {
    // Names sort in write order (time, then a counter within this process), so a later start stores them in order.
    this.counter += 1;
    const name = `${Date.now().toString().padStart(15, '0')}-${this.counter.toString().padStart(6, '0')}-${entry.entryId}.json`;
    const handle = await open(path.join(this.dir, name), 'wx', PRIVATE_FILE_MODE);
    try {
      await handle.write(JSON.stringify(entry));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await syncDir(this.dir);
  }

  async remove(entryId: string): Promise<void> {
    const names = (await readdir(this.dir)).filter((name) => name.endsWith(`-${entryId}.json`));
    await Promise.all(names.map((name) => rm(path.join(this.dir, name), { force: true })));
    await syncDir(this.dir);
  }

  /** What is waiting, oldest first; unreadable files (a crash mid-write before the fsync) are named, not stored. */
  async pending(): Promise<{ entries: PendingEntry[]; damaged: string[] }> {
    const names = (await readdir(this.dir)).filter((name) => name.endsWith('.json')).sort();
    const entries: PendingEntry[] = [];
    const damaged: string[] = [];
    for (const name of names) {
      try {
        const parsed = PendingEntrySchema.safeParse(JSON.parse(await readFile(path.join(this.dir, name), 'utf8')));
        if (parsed.success) entries.push(parsed.data);
        else damaged.push(name);
      } catch {
        damaged.push(name);
      }
    }
    return { entries, damaged };
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
