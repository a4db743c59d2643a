// The renderer's Content Security Policy, shared by both transports: the web bridge sends it as a header and
// the Electron shell adds it to every response of its app:// scheme. No inline code, no remote anything.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
