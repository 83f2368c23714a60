/**
 * The page's Content-Security-Policy: our own scripts only, no remote content, no inline script.
 * Inline styles are allowed because React and ag-grid set `style` attributes. The same text sits
 * in renderer/index.html's meta tag (a test keeps the two equal); Electron also sends it as a
 * header, and browser mode's server does too.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'";

/** Headers only a server can send: frame-ancestors and object-src are ignored in a meta tag. */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
