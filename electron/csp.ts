// The Content-Security-Policy of the cockpit window: the web bridge's policy (one source of truth for both
// transports). Under `electron-forge start` only, it is loosened for the Vite dev server: its HMR WebSocket,
// the inline React Refresh preamble it injects into index.html, and the <style> tags it uses for CSS imports.
import { CONTENT_SECURITY_POLICY } from '../common/csp';

export function contentSecurityPolicy(devServerUrl?: string): string {
  if (!devServerUrl) return CONTENT_SECURITY_POLICY;
  const dev = new URL(devServerUrl);
  const hmrSocket = `${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}`;
  return extend(extend(extend(CONTENT_SECURITY_POLICY, 'connect-src', hmrSocket), 'script-src', "'unsafe-inline'"), 'style-src', "'unsafe-inline'");
}

/** Adds a source to a directive, creating the directive from 'self' when the policy lacks it. */
function extend(policy: string, directive: string, source: string): string {
  const directives = policy
    .split(';')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const index = directives.findIndex((entry) => entry.startsWith(`${directive} `));
  if (index === -1) directives.push(`${directive} 'self' ${source}`);
  else directives[index] = `${directives[index]} ${source}`;
  return directives.join('; ');
}
