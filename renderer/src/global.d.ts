import type { CockpitApi } from '../../main/api/contract';

declare global {
  interface Window {
    /** Defined by the Electron preload; absent in a plain browser (then the web bridge is used). */
    cockpit?: CockpitApi;
  }
}

export {};
