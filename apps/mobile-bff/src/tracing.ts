// Imported first by main.ts: the SDK must be running before the instrumented libraries load.
import { startTracing } from '@bff/observability/tracing';

startTracing('mobile-bff');
