// The core's cutover config and stack operations, lent to a track's runbook actions that change a stack through
// Pulumi (a dual-write proxy's phase is stack config, switched by an update, as traffic is): the config overlay a
// stack's operations run with now, setting it (journaled, and restored after a restart), and an operation run as
// part of a step. The core's own pulumi-up and config-back act through the same three.
import type { OperationView } from '../api/contract';
import type { OperationBody } from '../pulumi/operations';

/** Plain config a cutover applies on top of a stack's own, while the stack is cut over. */
export type OverlayConfig = Readonly<Record<string, string | number | boolean>>;

/** The runbook step attempt that applies a cutover config (for the journal). */
export interface OverlayOrigin {
  readonly waveId: string;
  readonly stepId: string;
  readonly attemptId: string;
}

export interface StackChanges {
  /** The overlay the stack's operations run with now, if any. */
  overlayOf(stackId: string): OverlayConfig | undefined;
  /** Sets (or with undefined clears) the stack's overlay; journaled before the operation that applies it. */
  setOverlay(stackId: string, overlay: OverlayConfig | undefined, origin?: OverlayOrigin): Promise<void>;
  /** Runs an operation on the stack as part of a step; resolves when it ends, cancels it when `signal` aborts. */
  runOperation(stackId: string, body: OperationBody, parentOperationId: string, signal?: AbortSignal): Promise<OperationView>;
}
