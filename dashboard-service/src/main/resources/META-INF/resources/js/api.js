// The dashboard's REST client. The bearer token lives in this module's memory only: never in localStorage,
// sessionStorage, a cookie or a URL. A reload forgets it.

let token = null;

/** A failed call: the problem+json answer (RFC 9457) when there is one. */
export class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** Remembers the token (in memory) and returns what its payload says about the caller; throws if unusable. */
export function signIn(raw) {
  const candidate = raw.trim().replace(/^Bearer\s+/i, '');
  const claims = decodeClaims(candidate);
  if (claims.exp && claims.exp * 1000 <= Date.now()) {
    throw new Error('This token has expired: make a new one with deploy/token.sh.');
  }
  token = candidate;
  return claims;
}

export function signOut() {
  token = null;
}

export function signedIn() {
  return token !== null;
}

/** GET a JSON resource of the dashboard-service; {@code params} with empty values are left out. */
export function get(path, params = {}, signal) {
  return call('GET', withQuery(path, params), signal);
}

/** A single-use stream ticket (valid 30 s) for {@code GET /dashboard/stream}, bound to the caller. */
export function streamTicket() {
  return call('POST', '/dashboard/stream-tickets');
}

export function withQuery(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      query.set(key, String(value));
    }
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

async function call(method, path, signal) {
  if (token === null) {
    throw new ApiProblem(401, { title: 'Not signed in' });
  }
  const response = await fetch(path, {
    method,
    signal,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    cache: 'no-store',
  });
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : null;
  if (!response.ok) {
    throw new ApiProblem(response.status, body);
  }
  return body;
}

/** The JWT's payload, for display only (the service verifies the signature). */
function decodeClaims(jwt) {
  const parts = jwt.split('.');
  if (parts.length !== 3) {
    throw new Error('That is not a token: paste the whole output of deploy/token.sh.');
  }
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error('That is not a token: its payload is not readable JSON.');
  }
}
