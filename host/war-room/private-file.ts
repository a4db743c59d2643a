// A file only this user may read (a key, the war room's tokens and links), written whole or not at all, also where
// one was there before with looser modes.
import { chmod, rename, writeFile } from 'node:fs/promises';

export async function writePrivateFile(file: string, text: string): Promise<void> {
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, text, { mode: 0o600 });
  await chmod(partial, 0o600);
  await rename(partial, file);
}
