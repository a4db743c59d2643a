// The single entry point for commands from any transport: validates the command name and request against the
// contract, runs the handler, validates the response, and always answers with a CommandResult envelope.
import { z } from 'zod';
import { CommandError } from '../../common/command-error';
import { commands, isCommandName, type ApiError, type CommandName, type CommandResponse, type CommandResult } from './contract';

export type CommandHandlers = {
  [C in CommandName]: (request: z.output<(typeof commands)[C]['request']>) => Promise<CommandResponse<C>>;
};

// CommandError (an expected failure with a code the UI can act on) is declared once, in common/.
export { CommandError };

export type Dispatch = (name: unknown, request: unknown) => Promise<CommandResult<CommandName>>;

/**
 * `redact` scrubs every answer, value and error alike, on its way out: the last gate before a transport, so a
 * secret that reached a handler's result or an error message never crosses it.
 */
export function createDispatcher(
  handlers: CommandHandlers,
  onInternalError?: (error: unknown) => void,
  redact: <T>(value: T) => T = (value) => value,
): Dispatch {
  return async (name, request) => redact(await answer(name, request));
  async function answer(name: unknown, request: unknown): Promise<CommandResult<CommandName>> {
    if (!isCommandName(name)) {
      return failure('unknown-command', `unknown command '${String(name).slice(0, 80)}'`);
    }
    const parsed = commands[name].request.safeParse(request ?? {});
    if (!parsed.success) {
      return failure('bad-request', `invalid request for '${name}': ${z.prettifyError(parsed.error)}`);
    }
    try {
      const handler = handlers[name] as (request: unknown) => Promise<unknown>;
      const value = commands[name].response.parse(await handler(parsed.data)) as CommandResponse<typeof name>;
      return { ok: true, value };
    } catch (error) {
      if (error instanceof CommandError) return failure(error.code, error.message);
      onInternalError?.(error);
      return failure('failed', `'${name}' failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function failure(code: ApiError['code'], message: string): CommandResult<CommandName> {
  return { ok: false, error: { code, message } };
}

/**
 * HTTP status for an envelope, for the web bridge. A command the core answered, even with a refusal (busy, not
 * found, failed), is a 200 with `ok: false` in the body: refusals are part of operating, not transport errors.
 * Only messages outside the contract get a 4xx.
 */
export function httpStatusOf(result: CommandResult<CommandName>): number {
  if (result.ok) return 200;
  switch (result.error.code) {
    case 'bad-request':
      return 400;
    case 'unknown-command':
      return 404;
    default:
      return 200;
  }
}
