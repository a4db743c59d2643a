// The cockpit's data folder holds its journal, Pulumi state and workspaces, and rehearsal secrets: only the
// operator's own account may read it. The folder is 0700 and the files the core writes are 0600, whatever the
// umask; an existing folder is tightened, since an earlier version or another tool may have created it open.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  await chmod(dir, PRIVATE_DIR_MODE);
}

/**
 * Writes a whole file by rename (a crash never leaves it half-written), readable by its owner only. The temporary
 * file has a random name of its own, created exclusively, so two writes at once never share or rename away each
 * other's.
 */
export async function writePrivateFileAtomically(file: string, data: string): Promise<void> {
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, data, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    await chmod(temporary, PRIVATE_FILE_MODE);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** Creates the file if needed and makes it owner-only (a file from an older version may be world-readable). */
export async function ensurePrivateFile(file: string): Promise<void> {
  const handle = await open(file, 'a', PRIVATE_FILE_MODE);
  try {
    await handle.chmod(PRIVATE_FILE_MODE);
  } finally {
    await handle.close();
  }
}
