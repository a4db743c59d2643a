// Opens a plan file and nothing else. Whoever can ask the cockpit to open a path (the UI, the web bridge) must not
// be able to read other files through it: a FIFO must not hang the core, and the content of a file that is not a
// plan (/proc/self/environ, ~/.aws/credentials) must never come back as "errors" quoting its lines. So: only a
// regular .yaml/.yml file of bounded size is read, and it must look like a plan before anything of it is shown.
import { constants } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { PlanIssue } from '../api/contract';

/** Far above any real plan (the demo plan is ~12 KiB), far below what could hurt the core. */
export const MAX_PLAN_FILE_BYTES = 2 * 1024 * 1024;
const MAX_PLAN_FILE_SIZE = '2 MiB';

/** Kernel pseudo file systems: their "files" are live system state, never a plan. */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];

export type PlanFileText = { ok: true; text: string } | { ok: false; issue: PlanIssue };

/** Reads `file` (absolute) if it is a plan file; otherwise one file-level issue that quotes nothing of it. */
export async function readPlanFile(file: string): Promise<PlanFileText> {
  const refuse = (message: string): PlanFileText => ({
    ok: false,
    issue: { severity: 'error', file, line: 1, column: 1, path: '', message },
  });

  if (isSystemPath(file)) return refuse(systemFileMessage(file));
  if (!/\.ya?ml$/i.test(file)) return refuse(`not a plan file: the name '${path.basename(file)}' does not end in .yaml or .yml`);

  let real: string;
  try {
    real = await realpath(file);
  } catch (cause) {
    return refuse(`cannot read the plan: ${describeError(cause)}`);
  }
  if (isSystemPath(real)) return refuse(systemFileMessage(real));

  // stat before open: opening a FIFO would wait for a writer, and opening a device can have side effects.
  let kind: string | undefined;
  try {
    const stats = await stat(real);
    kind = notRegularFile(stats) ?? tooLarge(stats.size);
  } catch (cause) {
    return refuse(`cannot read the plan: ${describeError(cause)}`);
  }
  if (kind) return refuse(`cannot read the plan: ${kind}`);

  let bytes: Buffer;
  try {
    const read = await readRegularFile(real);
    if (!read.ok) return refuse(`cannot read the plan: ${read.problem}`);
    bytes = read.bytes;
  } catch (cause) {
    return refuse(`cannot read the plan: ${describeError(cause)}`);
  }

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return refuse('not a migration plan: the file is not UTF-8 text; nothing of its content is shown');
  }
  if (text.trim() !== '' && !hasTopLevelVersionKey(text)) {
    return refuse("not a migration plan: it has no top-level 'version:' key; nothing of its content is shown");
  }
  return { ok: true, text };
}

/**
 * Opens without following a symlink that appeared since the checks and without blocking on a FIFO, then checks
 * the opened file itself again (it may have been swapped) and reads at most one byte more than the size cap.
 */
async function readRegularFile(real: string): Promise<{ ok: true; bytes: Buffer } | { ok: false; problem: string }> {
  const handle = await open(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
  try {
    const stats = await handle.stat();
    const problem = notRegularFile(stats) ?? tooLarge(stats.size);
    if (problem) return { ok: false, problem };
    // Up to the cap, not the size stat saw: the file may grow while it is read.
    const buffer = Buffer.alloc(MAX_PLAN_FILE_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > MAX_PLAN_FILE_BYTES) return { ok: false, problem: tooLarge(length) ?? 'it is too large' };
    return { ok: true, bytes: buffer.subarray(0, length) };
  } finally {
    await handle.close();
  }
}

/**
 * Whether the text has a top-level `version:` key, as every plan does. Checked on the raw lines, so a plan with a
 * YAML error further down is still recognized and gets its located errors.
 */
export function hasTopLevelVersionKey(text: string): boolean {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .some((line) => /^(version|"version"|'version')[ \t]*:(\s|$)/.test(line));
}

function isSystemPath(file: string): boolean {
  return SYSTEM_FOLDERS.some((folder) => file === folder || file.startsWith(`${folder}/`));
}

function systemFileMessage(file: string): string {
  return `cannot open '${file}': files under ${SYSTEM_FOLDERS.join(', ')} are system files, never plans`;
}

function notRegularFile(stats: {
  isFile(): boolean;
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'it is a folder, not a plan file';
  if (stats.isFIFO()) return 'it is a named pipe (FIFO), not a plan file';
  if (stats.isSocket()) return 'it is a socket, not a plan file';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'it is a device, not a plan file';
  return 'it is not a regular file';
}

function tooLarge(bytes: number): string | undefined {
  if (bytes <= MAX_PLAN_FILE_BYTES) return undefined;
  return `it is ${(bytes / (1024 * 1024)).toFixed(1)} MiB; a plan file may be at most ${MAX_PLAN_FILE_SIZE}`;
}

function describeError(cause: unknown): string {
  switch ((cause as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'file not found';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many symbolic links (a loop?)';
    case 'ENOTDIR':
      return 'a folder on its path is a file';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    default:
      return `the file system refused (${(cause as NodeJS.ErrnoException).code ?? 'unknown error'})`;
  }
}
