// The last line of defence of a long-running host (headless serve, Electron main): an error nobody handled, in a
// request, an event handler, a timer or a poll cycle, is logged and reported instead of ending the process, which
// would abandon a running operation or cutover halfway. Errors are expected to be handled where they happen; this
// only catches what slipped through, and says so loudly.

export interface ProcessFault {
  /** ISO time the fault was caught. */
  readonly at: string;
  /** What went wrong (the error's first line), redacted; the log has the whole stack. */
  readonly message: string;
}

export interface ProcessGuardOptions {
  readonly log: (line: string) => void;
  /** Hides secrets in a text before it is logged or reported (the core's redactor once the core runs). */
  readonly redact: (text: string) => string;
  /** Told of every fault (the core publishes it to the UI). */
  readonly onFault?: (fault: ProcessFault) => void;
}

type Kind = 'uncaught exception' | 'unhandled rejection';

/** Installed guards, newest last: only the newest reports, so installing twice never logs a fault twice. */
const guards: ProcessGuardOptions[] = [];

const onUncaughtException = (error: unknown) => contain('uncaught exception', error);
const onUnhandledRejection = (reason: unknown) => contain('unhandled rejection', reason);

/**
 * Keeps the process running through uncaught exceptions and unhandled rejections. Returns the uninstall function;
 * the process handlers go away with the last guard.
 */
export function installProcessGuard(options: ProcessGuardOptions): () => void {
  if (guards.length === 0) {
    process.on('uncaughtException', onUncaughtException);
    process.on('unhandledRejection', onUnhandledRejection);
  }
  guards.push(options);
  let installed = true;
  return () => {
    if (!installed) return;
    installed = false;
    guards.splice(guards.indexOf(options), 1);
    if (guards.length === 0) {
      process.off('uncaughtException', onUncaughtException);
      process.off('unhandledRejection', onUnhandledRejection);
    }
  };
}

/** Never throws: a throw from an 'uncaughtException' handler ends the process after all. */
function contain(kind: Kind, error: unknown) {
  const guard = guards.at(-1);
  if (!guard) return;
  const message = redacted(guard, describe(error));
  const line = `process guard: ${kind}, the process keeps running: ${message}`;
  try {
    guard.log(line);
  } catch {
    try {
      process.stderr.write(`${line}\n`);
    } catch {
      // Nowhere left to write to; staying alive still matters more.
    }
  }
  try {
    guard.onFault?.({ at: new Date().toISOString(), message: message.split('\n', 1)[0]! });
  } catch {
    // Reporting is best effort.
  }
}

/** The stack (it starts with the message) or the value as text; anything that throws on the way is described instead. */
function describe(error: unknown): string {
  try {
    if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
    return String(error);
  } catch {
    return 'a value that cannot be printed';
  }
}

/** Without a working redactor the text is not logged at all: it may carry a secret. */
function redacted(guard: ProcessGuardOptions, text: string): string {
  try {
    const result = guard.redact(text);
    return typeof result === 'string' ? result : '(not shown: redaction failed)';
  } catch {
    return '(not shown: redaction failed)';
  }
}
