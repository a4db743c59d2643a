// A fake CockpitApi for the store's unit tests: commands answered from a table, events pushed by the test.
import type { CockpitApi, CockpitCommands, CommandName, EventBatch } from '../../../main/api/contract';

export type Answers = { [C in CommandName]?: (request: unknown) => unknown };

export function fakeApi(answers: Answers) {
  let listener: ((batch: EventBatch) => void) | null = null;
  const calls: string[] = [];
  const commands = new Proxy({} as CockpitCommands, {
    get: (_target, name: string) => async (request: unknown) => {
      calls.push(name);
      const answer = answers[name as CommandName];
      if (!answer) return { ok: false, error: { code: 'unknown-command', message: `no fake for ${name}` } };
      const value = await answer(request);
      return value && typeof value === 'object' && 'error' in value ? { ok: false, ...value } : { ok: true, value };
    },
  });
  const api: CockpitApi = {
    transport: 'electron',
    commands,
    onEvents(next) {
      listener = next;
      return () => (listener = null);
    },
  };
  return { api, calls, emit: (batch: EventBatch) => listener?.(batch) };
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
