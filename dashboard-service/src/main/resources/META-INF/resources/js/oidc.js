// Sign-in through the organisation's OpenID Connect provider (Keycloak): Authorization Code with PKCE (S256),
// written here on WebCrypto, no library. The service says which issuer and public client to use
// (GET /dashboard/sign-in); the endpoints come from the issuer's discovery document. The tokens stay in this
// module's memory: only the short-lived PKCE verifier, state and nonce wait in sessionStorage across the redirect
// to the login page and back, and are removed on return.

const PENDING = 'dashboard.oidc.pending';
const REFRESH_EARLY_S = 30;   // refresh this long before the access token expires
const SCOPE = 'openid';

let provider = null;          // { issuer, clientId, authorize, token, endSession }
let tokens = null;            // { access, refresh, id }
let refreshTimer = null;

/** The provider the service is configured with, or null (then the page takes a pasted token only). */
export async function discover() {
  const answer = await fetch('/dashboard/sign-in', { headers: { Accept: 'application/json' }, cache: 'no-store' });
  if (!answer.ok) {
    return null;
  }
  const { issuer, clientId } = await answer.json();
  if (!issuer || !clientId) {
    return null;
  }
  const discovery = await fetch(`${issuer}/.well-known/openid-configuration`, { headers: { Accept: 'application/json' } });
  if (!discovery.ok) {
    throw new Error(`The identity provider's discovery document is not readable (HTTP ${discovery.status}).`);
  }
  const doc = await discovery.json();
  if (doc.issuer !== issuer) {
    throw new Error(`The identity provider says its issuer is ${doc.issuer}, not ${issuer}.`);
  }
  if (!(doc.code_challenge_methods_supported || ['S256']).includes('S256')) {
    throw new Error('The identity provider does not support PKCE with S256.');
  }
  provider = { issuer, clientId, authorize: doc.authorization_endpoint, token: doc.token_endpoint,
    endSession: doc.end_session_endpoint || null };
  return provider;
}

/** Leaves for the provider's login page; it comes back to this page with ?code&state. */
export async function beginSignIn() {
  const verifier = randomText(32);
  const state = randomText(16);
  const nonce = randomText(16);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, nonce, issuer: provider.issuer }));
  const url = new URL(provider.authorize);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: provider.clientId, redirect_uri: redirectUri(), scope: SCOPE,
    state, nonce, code_challenge: challenge, code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/**
 * On the way back from the login page: checks the state, exchanges the code (with the PKCE verifier) at the
 * token endpoint, checks the ID token's nonce, and removes code and state from the address bar. Returns the
 * access token, or null when this load is not a return from the login page.
 * {@code onRefreshed(accessToken)} is called with each refreshed token, {@code onEnded(message)} when the
 * session can no longer be refreshed.
 */
export async function completeSignIn(onRefreshed, onEnded) {
  const params = new URLSearchParams(window.location.search);
  if (!params.has('state') || !(params.has('code') || params.has('error'))) {
    return null;
  }
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  const clean = new URL(window.location.href);
  ['code', 'state', 'session_state', 'iss', 'error', 'error_description'].forEach((p) => clean.searchParams.delete(p));
  history.replaceState(null, '', clean.pathname + clean.search + clean.hash);
  if (!pending || pending.state !== params.get('state')) {
    throw new Error('This sign-in answer was not started here (its state does not match): sign in again.');
  }
  if (params.has('error')) {
    throw new Error(`The sign-in was refused: ${params.get('error_description') || params.get('error')}.`);
  }
  if (params.has('iss') && params.get('iss') !== pending.issuer) {
    throw new Error('The sign-in answer comes from another issuer: sign in again.');
  }
  const answer = await tokenRequest({ grant_type: 'authorization_code', code: params.get('code'),
    redirect_uri: redirectUri(), code_verifier: pending.verifier });
  if (!answer.id_token || claimsOf(answer.id_token).nonce !== pending.nonce) {
    throw new Error('The ID token does not carry this sign-in\'s nonce: sign in again.');
  }
  keep(answer, onRefreshed, onEnded);
  return tokens.access;
}

/** Forgets the tokens and ends the provider's session too (its end-session endpoint, back to this page). */
export function signOutEverywhere() {
  const idToken = tokens?.id;
  forget();
  if (provider?.endSession && idToken) {
    const url = new URL(provider.endSession);
    url.search = new URLSearchParams({ id_token_hint: idToken, client_id: provider.clientId,
      post_logout_redirect_uri: redirectUri() }).toString();
    window.location.assign(url.toString());
    return true;
  }
  return false;
}

export function forget() {
  clearTimeout(refreshTimer);
  refreshTimer = null;
  tokens = null;
}

function keep(answer, onRefreshed, onEnded) {
  tokens = { access: answer.access_token, refresh: answer.refresh_token || tokens?.refresh, id: answer.id_token || tokens?.id };
  clearTimeout(refreshTimer);
  const lifetime = Number(answer.expires_in) || 0;
  if (!tokens.refresh || lifetime <= 0) {
    return;
  }
  refreshTimer = setTimeout(async () => {
    try {
      const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh });
      keep(refreshed, onRefreshed, onEnded);
      onRefreshed(tokens.access);
    } catch (error) {
      forget();
      onEnded(`Your session has ended (${error.message}): sign in again.`);
    }
  }, Math.max(5, lifetime - REFRESH_EARLY_S) * 1000);
}

async function tokenRequest(form) {
  const response = await fetch(provider.token, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({ client_id: provider.clientId, ...form }).toString(),
    cache: 'no-store',
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.access_token) {
    throw new Error(body.error_description || body.error || `token endpoint HTTP ${response.status}`);
  }
  return body;
}

function redirectUri() {
  return `${window.location.origin}${window.location.pathname}`;
}

function randomText(bytes) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function claimsOf(jwt) {
  const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part + '='.repeat((4 - (part.length % 4)) % 4)),
    (c) => c.charCodeAt(0))));
}
