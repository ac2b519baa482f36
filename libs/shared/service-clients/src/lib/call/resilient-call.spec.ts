import { AxiosError } from 'axios';
import { downstreamOptions } from '../../test/downstream-options';
import { ServiceResilience } from '../resilience/service-resilience';
import type { DownstreamCallOutcome, DownstreamCallRecorder } from './downstream-call.observer';
import { runResilient, type ResilientCallPlan, type RetryRules } from './resilient-call';

const NO_RETRIES: RetryRules = { isRetryable: () => false, askedDelayMs: () => undefined };

describe('runResilient reporting to a recorder', () => {
  const options = downstreamOptions('http://127.0.0.1:1', { bulkhead: { maxConcurrency: 1, maxQueue: 0 } });
  let recorded: { outcome: DownstreamCallOutcome; seconds: number }[];
  const recorder: DownstreamCallRecorder = { record: (outcome, seconds) => recorded.push({ outcome, seconds }) };
  const plan = (resilience: ServiceResilience, signal?: AbortSignal): ResilientCallPlan => ({
    resilience,
    retry: options.retry,
    idempotent: false,
    deadline: performance.now() + 5_000,
    signal,
    recorder,
  });

  beforeEach(() => {
    recorded = [];
  });

  it('reports a success once, with the time the call took in seconds', async () => {
    const resilience = new ServiceResilience(options);
    const wait = (ms: number) => new Promise((resolve) => setTimeout(() => resolve('ok'), ms));

    await expect(runResilient(plan(resilience), () => wait(20), NO_RETRIES)).resolves.toBe('ok');

    expect(recorded).toEqual([{ outcome: 'success', seconds: expect.any(Number) }]);
    expect(recorded[0].seconds).toBeGreaterThanOrEqual(0.015);
    expect(recorded[0].seconds).toBeLessThan(5);
  });

  it('reports a failure as the classifier names it, and still rejects with the error', async () => {
    const timeout = new AxiosError('timeout', AxiosError.ETIMEDOUT);

    await expect(runResilient(plan(new ServiceResilience(options)), () => Promise.reject(timeout), NO_RETRIES)).rejects.toBe(
      timeout,
    );

    expect(recorded.map(({ outcome }) => outcome)).toEqual(['timeout']);
  });

  it('reports a call refused by a full bulkhead as bulkhead-full, without trying it', async () => {
    const resilience = new ServiceResilience(options);
    let release: (value: string) => void = () => undefined;
    const first = runResilient(plan(resilience), () => new Promise<string>((resolve) => (release = resolve)), NO_RETRIES);
    const tries = jest.fn(() => Promise.resolve('never'));

    await expect(runResilient(plan(resilience), tries, NO_RETRIES)).rejects.toThrow();
    release('done');
    await first;

    expect(tries).not.toHaveBeenCalled();
    expect(recorded.map(({ outcome }) => outcome)).toEqual(['bulkhead-full', 'success']);
  });

  it('reports a call its caller cancelled as cancelled', async () => {
    const controller = new AbortController();
    const { signal } = controller;
    // A try stops when the signal fires, as every transport's does.
    const untilAborted = () => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    const call = runResilient(plan(new ServiceResilience(options), signal), untilAborted, NO_RETRIES);
    controller.abort();

    await expect(call).rejects.toBe(signal.reason);

    expect(recorded.map(({ outcome }) => outcome)).toEqual(['cancelled']);
  });
});
