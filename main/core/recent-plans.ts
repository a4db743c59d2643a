// The plan files an operator opened lately, kept in the data folder so they survive restarts.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ensurePrivateDir, writePrivateFileAtomically } from '../secrets/private-files';

const LIMIT = 10;

export class RecentPlans {
  private constructor(
    private readonly file: string,
    private files: string[],
  ) {}

  static async open(dataDir: string): Promise<RecentPlans> {
    const file = path.join(dataDir, 'recent-plans.json');
    let files: string[] = [];
    try {
      const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
      if (Array.isArray(parsed)) files = parsed.filter((entry): entry is string => typeof entry === 'string');
    } catch {
      // No list yet, or an unreadable one: start empty rather than refuse to start.
    }
    return new RecentPlans(file, files.slice(0, LIMIT));
  }

  list(): string[] {
    return [...this.files];
  }

  async add(planFile: string): Promise<void> {
    this.files = [planFile, ...this.files.filter((entry) => entry !== planFile)].slice(0, LIMIT);
    await ensurePrivateDir(path.dirname(this.file));
    await writePrivateFileAtomically(this.file, JSON.stringify(this.files, null, 2));
  }
}
