// The bounded request-body reader every HTTP server of the project uses, the rehearsal's servers included.
export { readBoundedBody, type BodyLimits, type BodyRead } from '../net/bounded-body';
