// Shared by the registry's tests: start services that are always closed, and call them over real HTTP.
import { request as httpRequest } from 'node:http';
import { afterEach } from 'vitest';
import { startRegistryService, type RegistryService, type RegistryServiceOptions } from './index';

export const TOKEN = 'rehearsal-test-token-0123456789';

/** Starts a service and registers it for closing after the current test. */
export function useServices(): (options?: RegistryServiceOptions) => Promise<RegistryService> {
  const open: RegistryService[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((service) => service.close()));
  });
  return async (options = { token: TOKEN }) => {
    const service = await startRegistryService(options);
    open.push(service);
    return service;
  };
}

export interface CallOptions {
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent as is (with a JSON content type unless headers say otherwise). */
  readonly raw?: string;
  /** Bearer token; null sends none. Defaults to the service's own token. */
  readonly token?: string | null;
  readonly headers?: Record<string, string>;
  readonly signal?: AbortSignal;
}

export interface CallResult {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed JSON body; {} when the body is empty or not JSON. */
  readonly json: Record<string, unknown> & { items?: Array<Record<string, unknown>> };
}

export async function call(service: RegistryService, method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
  const token = options.token === undefined ? service.token : options.token;
  const headers: Record<string, string> = {
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(options.body !== undefined || options.raw !== undefined ? { 'content-type': 'application/json' } : {}),
    ...options.headers,
  };
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').startsWith('application/json');
  return { status: response.status, headers: response.headers, text, json: isJson && text ? (JSON.parse(text) as CallResult['json']) : {} };
}

/** For headers fetch will not let us set (Host): a plain node:http request. */
export function rawRequest(service: RegistryService, method: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${service.url}${path}`, { method, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** What the cockpit's demo plan sends for one stack (registries[0].register.body). */
export function demoRegistration(name: string, project = 'platform-production') {
  return { name, project, owner: 'it-ops', wave: 'wave-1', description: `Stack ${name}` };
}
