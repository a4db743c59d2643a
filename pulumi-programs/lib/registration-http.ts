// The HTTP side of registering an instance with a metadata registry, driven by the plan's request templates.
// Self-contained on purpose: the dynamic provider that calls it is serialized into Pulumi state and run later
// in the provider plugin process, so it may use only globals (fetch, AbortSignal) and what it is given.

export interface RequestTemplate {
  readonly method: string;
  readonly path: string;
  readonly body?: Record<string, unknown>;
  /** JSON pointer to the registration id in the response, e.g. /id or /items/0/id. */
  readonly idPointer?: string;
}

export interface RegistrationTarget {
  readonly registryId: string;
  readonly baseUrl: string;
  readonly register: RequestTemplate;
  readonly lookup: RequestTemplate;
  readonly deregister: RequestTemplate;
  /** Placeholder values: stack.name, stack.project, stack.config.owner, wave.id, ... */
  readonly variables: Record<string, string>;
  readonly auth?: { readonly type: 'bearer' | 'header'; readonly tokenEnv: string; readonly header?: string };
  readonly timeoutSeconds: number;
  /** Attempts for 5xx, 429 and timeouts (default 4). */
  readonly attempts?: number;
}

/**
 * A failure to report as is (not to retry). A plain Error with a name, not a subclass: the provider's code is
 * serialized into state, and a serialized Error subclass loses its message.
 */
export function registrationError(message: string): Error {
  const error = new Error(message);
  error.name = 'RegistrationError';
  return error;
}

function isRegistrationError(error: unknown): boolean {
  return error instanceof Error && error.name === 'RegistrationError';
}

/** Finds the instance's registration id, or undefined when the registry has none. */
export async function lookupRegistration(target: RegistrationTarget): Promise<string | undefined> {
  const response = await send(target, target.lookup, {});
  if (response.status === 404) return undefined;
  const id = pointer(response.body, target.lookup.idPointer ?? '/id');
  return id === undefined || id === null ? undefined : String(id);
}

/** Registers the instance unless it already is (look up first), so a retried create never registers twice. */
export async function ensureRegistered(target: RegistrationTarget): Promise<{ id: string; adopted: boolean }> {
  const existing = await lookupRegistration(target);
  if (existing !== undefined) return { id: existing, adopted: true };
  const response = await send(target, target.register, {});
  const id = pointer(response.body, target.register.idPointer ?? '/id');
  if (id === undefined || id === null) {
    throw registrationError(`${target.registryId}: the register response has no id at ${target.register.idPointer ?? '/id'}`);
  }
  return { id: String(id), adopted: false };
}

/** Deregisters by the id the registry knows now (looked up), so a stale stored id cannot delete another record. */
export async function ensureDeregistered(target: RegistrationTarget): Promise<{ deregistered: string | undefined }> {
  const id = await lookupRegistration(target);
  if (id === undefined) return { deregistered: undefined };
  const response = await send(target, target.deregister, { 'registration.id': id });
  if (response.status === 404) return { deregistered: undefined };
  return { deregistered: id };
}

interface RegistryResponse {
  readonly status: number;
  readonly body: unknown;
}

async function send(target: RegistrationTarget, template: RequestTemplate, extra: Record<string, string>): Promise<RegistryResponse> {
  const variables = { ...target.variables, ...extra };
  const url = target.baseUrl.replace(/\/+$/, '') + fill(template.path, variables, encodeURIComponent);
  const body = template.body === undefined ? undefined : JSON.stringify(fillDeep(template.body, variables));
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const token = target.auth ? process.env[target.auth.tokenEnv] : undefined;
  // A registry may echo the request (token included) in an error body: hide it before the text goes anywhere.
  const hide = (text: string) => hideToken(text, token);
  if (target.auth) {
    if (!token) throw registrationError(`${target.registryId}: environment variable ${target.auth.tokenEnv} (the registry token) is not set`);
    if (target.auth.type === 'bearer') headers.authorization = `Bearer ${token}`;
    else headers[(target.auth.header ?? 'x-api-key').toLowerCase()] = token;
  }
  const what = `${template.method} ${url.replace(/\?.*$/, '')}`;
  const attempts = Math.max(1, target.attempts ?? 4);
  let lastProblem = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await fetch(url, {
        method: template.method,
        headers,
        ...(body !== undefined ? { body } : {}),
        signal: AbortSignal.timeout(target.timeoutSeconds * 1000),
      });
      const text = await response.text();
      if (response.status === 429 || response.status >= 500) {
        lastProblem = `HTTP ${response.status}`;
      } else if (response.status === 404 && template === target.lookup) {
        return { status: 404, body: undefined };
      } else if (response.status === 404 && template === target.deregister) {
        return { status: 404, body: undefined };
      } else if (response.status >= 400) {
        // A client error will not change on retry: say what the registry said.
        throw registrationError(`${target.registryId}: ${what} was refused with HTTP ${response.status}: ${hide(text).slice(0, 300)}`);
      } else {
        return { status: response.status, body: text === '' ? undefined : parseJson(text, target.registryId, what, hide) };
      }
    } catch (error) {
      if (isRegistrationError(error)) throw error;
      lastProblem = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${target.timeoutSeconds} s` : hide(String(error));
    }
    if (attempt < attempts) await sleep(backoffMs(attempt));
  }
  throw registrationError(`${target.registryId}: ${what} failed after ${attempts} attempts: ${lastProblem}`);
}

/** Exponential backoff with full jitter: 200 ms, 400 ms, 800 ms... capped at 5 s. */
function backoffMs(attempt: number): number {
  return Math.random() * Math.min(5000, 200 * 2 ** (attempt - 1));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function parseJson(text: string, registryId: string, what: string, hide: (text: string) => string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw registrationError(`${registryId}: ${what} answered with a body that is not JSON: ${hide(text).slice(0, 200)}`);
  }
}

/**
 * The text without the token, as sent or as a registry may echo it (JSON-escaped, URL-encoded). Hidden before any
 * truncation, so half a token is never left at a cut. The core hides it again, in more encodings.
 */
export function hideToken(text: string, token: string | undefined): string {
  if (!token) return text;
  const forms = [token, JSON.stringify(token).slice(1, -1), encodeURIComponent(token)].sort((a, b) => b.length - a.length);
  let out = text;
  for (const form of forms) out = out.split(form).join('[secret]');
  return out;
}

/** Replaces {{name}} placeholders; an unknown one is an error (the plan validator should have caught it). */
export function fill(text: string, variables: Record<string, string>, encode: (value: string) => string = (v) => v): string {
  return text.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_match, name: string) => {
    const value = variables[name];
    if (value === undefined) throw registrationError(`template placeholder {{${name}}} has no value`);
    return encode(value);
  });
}

function fillDeep(value: unknown, variables: Record<string, string>): unknown {
  if (typeof value === 'string') return fill(value, variables);
  if (Array.isArray(value)) return value.map((item) => fillDeep(item, variables));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillDeep(item, variables)]));
  }
  return value;
}

/** RFC 6901 JSON pointer lookup. */
export function pointer(document: unknown, path: string): unknown {
  if (path === '') return document;
  let current: unknown = document;
  for (const raw of path.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
