// OpenID Connect authorization code flow with PKCE (RFC 7636) as a public client. The access token lives in
// this tab's sessionStorage only (gone with the tab) and is sent as a bearer token to the same JAX-RS API
// that portals and agents use: the console has no other way in.

const TOKEN = 'mandate.console.token';
const PENDING = 'mandate.console.login';

export function redirectUri() {
  return `${location.origin}/console/`;
}

export function accessToken() {
  const stored = sessionStorage.getItem(TOKEN);
  if (!stored) return null;
  const { token, expiresAt } = JSON.parse(stored);
  return Date.now() < expiresAt ? token : null;
}

export function logout(settings) {
  sessionStorage.removeItem(TOKEN);
  if (settings?.oidc?.logoutEndpoint) {
    location.assign(`${settings.oidc.logoutEndpoint}?post_logout_redirect_uri=${encodeURIComponent(redirectUri())}`);
  } else {
    location.assign(redirectUri());
  }
}

function base64Url(bytes) {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomText(size) {
  return base64Url(crypto.getRandomValues(new Uint8Array(size)));
}

async function challengeOf(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

/** Leaves for the IdP's login; comes back to {@link redirectUri} with a code. */
export async function login(settings) {
  const verifier = randomText(48);
  const state = randomText(24);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo: location.hash || '#/' }));
  const url = new URL(settings.oidc.authorizationEndpoint, location.origin);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', settings.oidc.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('scope', settings.oidc.scope);
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', await challengeOf(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  location.assign(url.toString());
}

/**
 * On the way back from the IdP: exchanges the code (once, with the verifier only this tab holds) and
 * returns where the user was. Returns false when this page load is not a login's return.
 */
export async function completeLogin(settings) {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return false;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', `/console/${pending?.returnTo || '#/'}`);
  if (params.has('error')) {
    throw new Error(`The identity provider refused the login: ${params.get('error_description') || params.get('error')}`);
  }
  if (!pending || pending.state !== params.get('state')) {
    throw new Error('This login answer does not belong to a login started here; log in again.');
  }
  const response = await fetch(new URL(settings.oidc.tokenEndpoint, location.origin), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: redirectUri(),
      client_id: settings.oidc.clientId,
      code_verifier: pending.verifier,
    }),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok || !answer.access_token) {
    throw new Error(`The login could not be completed: ${answer.error_description || answer.error || response.status}`);
  }
  const seconds = Number(answer.expires_in) || 3600;
  sessionStorage.setItem(TOKEN, JSON.stringify({ token: answer.access_token, expiresAt: Date.now() + (seconds - 30) * 1000 }));
  return true;
}
