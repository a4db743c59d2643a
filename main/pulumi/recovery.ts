// Finds what a crash leaves behind on a stack: lock files of updates whose process is gone, and operations the
// engine had started but not finished (pending operations in the checkpoint). Read straight from a file://
// backend, so a scan of every stack costs no engine start. Recovery itself is an operation: cancel (removes the
// locks), then refresh with clear-pending-creates.
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Stack } from '@pulumi/pulumi/automation';
import type { RecoveryItem } from '../api/contract';
import type { OperationBody } from './operations';
import { engineOperation } from './stack-operations';

interface LockFile {
  pid: number;
  username: string;
  hostname: string;
  timestamp: string;
}

/** Whether a process runs on this machine (signal 0 checks without touching it); a zombie does not count. */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // A killed process stays in the table as a zombie until it is reaped; it holds nothing any more.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // No /proc (not Linux): the signal check is all there is.
  }
}

/** The locks and pending operations of one stack in a file:// backend folder. */
export async function inspectStack(stateDir: string, project: string, stack: string): Promise<Omit<RecoveryItem, 'stackId' | 'interrupted'>> {
  const lockDir = path.join(stateDir, '.pulumi', 'locks', 'organization', project, stack);
  const names = await readdir(lockDir).catch(() => [] as string[]);
  const locks: RecoveryItem['locks'] = [];
  for (const name of names.filter((entry) => entry.endsWith('.json'))) {
    try {
      const lock = JSON.parse(await readFile(path.join(lockDir, name), 'utf8')) as LockFile;
      const here = lock.hostname === os.hostname();
      locks.push({
        pid: lock.pid,
        user: lock.username,
        host: lock.hostname,
        since: lock.timestamp,
        // A lock from another machine cannot be checked from here: it is never called stale.
        state: here ? (processIsAlive(lock.pid) ? 'running' : 'stale') : 'unknown',
      });
    } catch {
      locks.push({ pid: 0, user: '', host: '', since: '', state: 'unknown' });
    }
  }
  return { locks, pendingOperations: await pendingOperations(stateDir, project, stack) };
}

/**
 * What is left to recover once this cockpit's own running operation is set aside: while it runs, its live lock
 * and the pending operations it is working through are progress, not a crash's leftovers.
 */
export function leftToRecover(found: Omit<RecoveryItem, 'stackId' | 'interrupted'>, runningHere: boolean): Omit<RecoveryItem, 'stackId' | 'interrupted'> {
  if (!runningHere) return found;
  return { locks: found.locks.filter((lock) => lock.state !== 'running'), pendingOperations: [] };
}

interface Checkpoint {
  checkpoint?: {
    latest?: {
      resources?: { urn: string; type: string; outputs?: Record<string, unknown> }[];
      pending_operations?: { type: string; resource: { urn: string; type: string } }[];
    };
  };
}

/** The stack's checkpoint in a file:// backend (plain or gzipped), or undefined when it has none yet. */
export async function readCheckpoint(stateDir: string, project: string, stack: string): Promise<Checkpoint | undefined> {
  const base = path.join(stateDir, '.pulumi', 'stacks', project, `${stack}.json`);
  let text: string | undefined;
  try {
    text = await readFile(base, 'utf8');
  } catch {
    text = await readFile(`${base}.gz`)
      .then((data) => gunzipSync(data).toString('utf8'))
      .catch(() => undefined);
  }
  return text ? (JSON.parse(text) as Checkpoint) : undefined;
}

async function pendingOperations(stateDir: string, project: string, stack: string): Promise<RecoveryItem['pendingOperations']> {
  const checkpoint = await readCheckpoint(stateDir, project, stack);
  return (checkpoint?.checkpoint?.latest?.pending_operations ?? []).map((operation) => ({
    op: operation.type,
    urn: operation.resource.urn,
    type: operation.resource.type,
  }));
}

/**
 * Recovers a stack left locked or half-done by a crash: removes its locks (pulumi cancel), then refreshes with
 * clear-pending-creates so the state matches reality again. Creates that were pending may exist as real,
 * orphaned resources: the outcome names them for the operator to check.
 */
export function recoveryOperation(pending: RecoveryItem['pendingOperations']): OperationBody {
  return {
    kind: 'recover',
    async run(stack: Stack, { onEvent, signal }) {
      await stack.cancel();
      const outcome = await engineOperation(stack, 'refresh', {
        onEvent,
        signal,
        clearPendingCreates: true,
        message: 'migration cockpit: recover after a crash',
      });
      const creates = pending.filter((operation) => operation.op === 'creating');
      const message =
        creates.length > 0
          ? `lock removed and state refreshed; ${creates.length} create(s) were pending and may have left orphaned resources: ${creates.map((c) => c.urn).join(', ')}`
          : 'lock removed and state refreshed';
      return { ...outcome, message };
    },
  };
}
