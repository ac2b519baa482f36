export { APP_BUNDLES, AppProcess, type AppName } from './lib/app-process';
export { DemoFaults, type DemoStats, type FaultSpec, type RecordedRequest } from './lib/demo-faults';
export { DemoStack, type ServiceName } from './lib/demo-stack';
export { rawRequest, request, type TimedResponse } from './lib/http';
export { workspaceRoot } from './lib/workspace-root';
export { TestAuth, type TokenClaims } from './lib/test-auth';
export { RedisServer, freePort } from './lib/redis-server';
export { startInProcessApp } from './lib/in-process-app';
export { DownstreamProbe, type ProbedTry } from './lib/downstream-probe';
