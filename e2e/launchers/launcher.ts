import type { Page } from '@playwright/test';

export interface LaunchOptions {
  /** Plan the cockpit opens at start. */
  readonly planFile: string;
  /** A fresh data folder per test, so recent plans and state never leak between tests. */
  readonly dataDir: string;
  /** Who operates the cockpit (user@host; `--as`), for people taking turns on one machine; default: the OS user. */
  readonly operator?: string;
  /** More environment for the cockpit (a team store's password variable). */
  readonly env?: Readonly<Record<string, string>>;
  /** Serve the war room on this address too (`serve --war-room`; the headless core only). */
  readonly warRoom?: string;
}

/** What `serve --war-room` printed: where, the certificate to compare, and the file with everyone's link. */
export interface PrintedWarRoom {
  readonly origin: string;
  readonly fingerprint: string;
  readonly linksFile: string;
}

export interface LaunchedCockpit {
  readonly page: Page;
  /**
   * Where the host opens plans through a native file dialog (Electron): makes its next answer `file`, as an
   * operator picking it would. Absent where plans are opened by a typed path (the web bridge).
   */
  answerFileDialog?(file: string): Promise<void>;
  /** The war room, when asked for and this launcher serves one. */
  readonly warRoom?: PrintedWarRoom;
  close(): Promise<void>;
}

export interface CockpitLauncher {
  readonly name: 'chromium' | 'electron';
  /** Why this launcher cannot run on this machine, or undefined when it can. */
  unavailableReason(): string | undefined;
  launch(options: LaunchOptions): Promise<LaunchedCockpit>;
}
