// One table of a replication task: its full load progress, its CDC counters (derived from the task's applied
// changes, so a tick never touches every table) and its validation.

export type TablePhase = 'idle' | 'queued' | 'loading' | 'done' | 'error';

export class SimTable {
  readonly schema: string;
  readonly name: string;
  readonly rows: number;
  /** Share of the task's changes that hit this table. */
  weight = 0;
  phase: TablePhase = 'idle';
  /** Loading again after ReloadTables or a reload-target. */
  reloading = false;
  loaded = 0;
  loadStart: number | undefined;
  loadEnd: number | undefined;
  /** The task's applied-change count when this table's counters were last reset. */
  cdcBase = 0;
  lastUpdate: number | undefined;
  validating = false;
  validated = 0;
  failedRecords = 0;
  errorMessage: string | undefined;

  constructor(schema: string, name: string, rows: number) {
    this.schema = schema;
    this.name = name;
    this.rows = rows;
  }

  get key(): string {
    return `${this.schema}.${this.name}`;
  }

  /** Back to the start of a full load: counters, validation and errors cleared. */
  resetForLoad(applied: number, reloading: boolean): void {
    this.phase = 'queued';
    this.reloading = reloading;
    this.loaded = 0;
    this.loadStart = undefined;
    this.loadEnd = undefined;
    this.cdcBase = applied;
    this.validating = false;
    this.validated = 0;
    this.failedRecords = 0;
    this.errorMessage = undefined;
  }

  get tableState(): string {
    switch (this.phase) {
      case 'idle':
      case 'queued':
        return this.reloading ? 'Table is being reloaded' : 'Before load';
      case 'loading':
        return this.reloading ? 'Table is being reloaded' : 'Full load';
      case 'done':
        return 'Table completed';
      case 'error':
        return 'Table error';
    }
  }

  validationState(enabled: boolean): string {
    if (!enabled) return 'Not enabled';
    if (this.phase === 'error') return 'Table error';
    if (this.phase !== 'done') return 'Pending validation';
    if (this.failedRecords > 0) return 'Mismatched records';
    return this.validating ? 'Pending records' : 'Validated';
  }
}
