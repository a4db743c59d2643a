// The target groups' health check, the same on AWS and in the rehearsal: every 10 s (5 s to answer), healthy after 3
// passes in a row, unhealthy after 2 failures, any 2xx or 3xx answer a pass. So a target's state turns in 20–30 s, well
// inside one analysis interval of a shift. Loads no provider.
export const HEALTH_CHECK = {
  intervalSeconds: 10,
  timeoutSeconds: 5,
  healthyThreshold: 3,
  unhealthyThreshold: 2,
  matcher: '200-399',
} as const;
