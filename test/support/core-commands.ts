// How integration tests drive a core: a command that answers its value or throws the refusal in words, and a wait
// for a condition that says what it waited for and the last value it saw.
import type { CockpitCore } from '../../main/core/cockpit-core';

/** Anything with the core's one entry point. */
export type Dispatching = Pick<CockpitCore, 'dispatch'>;

/** A command's value; a refusal throws "<name>: <code>: <message>". `seen` gets every answer (a canary search). */
export function commandOf(core: () => Dispatching | undefined, seen?: (answer: unknown) => void) {
  return async function command<T>(name: string, request: unknown): Promise<T> {
    const result = await core()!.dispatch(name, request);
    seen?.(result);
    if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };
}

/** Reads until `done` holds; past `ms` it throws with what it waited for and the last value read. */
export async function until<T>(what: string, read: () => Promise<T> | T, done: (value: T) => boolean, ms = 120_000, everyMs = 100): Promise<T> {
  const end = Date.now() + ms;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value).slice(0, 1500)}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    value = await read();
  }
  return value;
}

/** Deploys a wave through `wave.deploy` and answers its operation once it ended (any outcome), within `ms`. */
export async function deployWave<O extends { operationId: string; status: string }>(
  command: <T>(name: string, request: unknown) => Promise<T>,
  waveId: string,
  ms: number,
): Promise<O> {
  const deploy = await command<O>('wave.deploy', { waveId });
  const operations = await until(
    `the deploy of ${waveId}`,
    () => command<O[]>('waves.list', {}),
    (list) => list.some((op) => op.operationId === deploy.operationId && op.status !== 'running'),
    ms,
  );
  return operations.find((op) => op.operationId === deploy.operationId)!;
}
