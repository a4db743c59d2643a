// The plan files an operator opened lately, kept in the data folder so they survive restarts.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

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
    await mkdir(path.dirname(this.file), { recursive: true });
    // Write then rename, so a crash never leaves a half-written list.
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(this.files, null, 2));
    await rename(temporary, this.file);
  }
}
