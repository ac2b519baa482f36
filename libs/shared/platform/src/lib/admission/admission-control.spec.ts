import { AdmissionControl, type AdmissionWaiter } from './admission-control';
import { AdmissionMetrics } from './admission.metrics';

/** A quiet window: no congestion, so the limit only moves if requests were held back. */
const quiet = { delayMs: 0, utilization: 0.1 };
const congested = { delayMs: 50, utilization: 1 };

class FakeClock {
  now = 1_000;
  readonly read = () => this.now;
  advance(ms: number): void {
    this.now += ms;
  }
}

class Waiter implements AdmissionWaiter {
  deadline = 0;
  state: 'waiting' | 'admitted' | 'expired' = 'waiting';
  gone = false;
  isGone = () => this.gone;
  admit = () => void (this.state = 'admitted');
  expire = () => void (this.state = 'expired');
}

function setup(limit = 2, maxQueue = 100, maxLimit = 1_000) {
  const clock = new FakeClock();
  const metrics = new AdmissionMetrics();
  const control = new AdmissionControl(
    { limit: { initialLimit: limit, minLimit: 1, maxLimit, targetDelayMs: 20 }, maxQueue },
    metrics,
    clock.read,
  );
  return { clock, metrics, control };
}

/** Fills every slot and answers them after `serviceMs`, so the control learns its pace. */
function learnServiceTime(control: AdmissionControl, clock: FakeClock, serviceMs: number): void {
  const slots = control.currentLimit;
  for (let i = 0; i < slots; i++) expect(control.tryAcquire()).toBe(true);
  const admittedAt = clock.now;
  clock.advance(serviceMs);
  for (let i = 0; i < slots; i++) control.release(admittedAt);
  for (let i = 0; i < slots; i++) expect(control.tryAcquire()).toBe(true);
}

describe('AdmissionControl', () => {
  it('admits up to the limit, then finds no slot', () => {
    const { control, metrics } = setup(2);
    expect(control.tryAcquire()).toBe(true);
    expect(control.tryAcquire()).toBe(true);
    expect(control.tryAcquire()).toBe(false);
    expect(control.inFlight).toBe(2);
    expect(metrics.snapshot()).toMatchObject({ admitted: 2 });
  });

  it('hands a freed slot to the oldest waiter, in arrival order', () => {
    const { control, clock, metrics } = setup(1);
    control.tryAcquire();
    const [first, second] = [new Waiter(), new Waiter()];
    expect(control.enqueue(first, 1_000)).toBe(true);
    expect(control.enqueue(second, 1_000)).toBe(true);
    control.release(clock.now);
    expect([first.state, second.state]).toEqual(['admitted', 'waiting']);
    control.release(clock.now);
    expect(second.state).toBe('admitted');
    expect(metrics.snapshot()).toMatchObject({ admitted: 3, queued: 2, waiting: 0 });
  });

  it('queues only requests that could still be answered within their budget at the pace answers leave', () => {
    // 2 slots held 100 ms each: one answer every 50 ms, and each answer takes 100 ms.
    const { control, clock } = setup(2);
    learnServiceTime(control, clock, 100);
    // The n-th waiter starts after n × 50 ms and is answered 100 ms later: within 300 ms up to n = 4.
    const accepted = Array.from({ length: 6 }, () => control.enqueue(new Waiter(), 300));
    expect(accepted).toEqual([true, true, true, true, false, false]);
    expect(control.queued).toBe(4);
  });

  it('turns a request away at once when the queue is full, or there is none', () => {
    const { control } = setup(1, 0);
    control.tryAcquire();
    expect(control.enqueue(new Waiter(), 60_000)).toBe(false);
  });

  it('drops a waiter whose budget ran out before its turn came, without starting it', () => {
    const { control, clock, metrics } = setup(1);
    learnServiceTime(control, clock, 100);
    const waiter = new Waiter();
    expect(control.enqueue(waiter, 500)).toBe(true);
    // The slot frees 450 ms later: 100 ms of service would end past the 500 ms budget.
    clock.advance(450);
    control.release(clock.now - 100);
    expect(waiter.state).toBe('expired');
    expect(control.inFlight).toBe(0);
    expect(metrics.snapshot()).toMatchObject({ expired: 1 });
  });

  it('drops waiters past their budget at the end of a window even when no slot frees', () => {
    const { control, clock, metrics } = setup(1, 100, 1);
    learnServiceTime(control, clock, 100);
    const [early, late] = [new Waiter(), new Waiter()];
    control.enqueue(early, 400);
    clock.advance(150);
    control.enqueue(late, 400);
    // 320 ms in: the early one's 400 ms budget cannot take 100 ms more; the late one's can.
    clock.advance(170);
    control.closeWindow(quiet);
    expect([early.state, late.state]).toEqual(['expired', 'waiting']);
    expect(control.queued).toBe(1);
    expect(metrics.snapshot()).toMatchObject({ expired: 1 });
  });

  it('passes over waiters whose client has left', () => {
    const { control, clock, metrics } = setup(1);
    control.tryAcquire();
    const [gone, next] = [new Waiter(), new Waiter()];
    control.enqueue(gone, 1_000);
    control.enqueue(next, 1_000);
    gone.gone = true;
    control.release(clock.now);
    expect([gone.state, next.state]).toEqual(['waiting', 'admitted']);
    expect(metrics.snapshot()).toMatchObject({ abandoned: 1 });
  });

  it('learns the service time as answers come back', () => {
    const { control, clock } = setup(1);
    control.tryAcquire();
    const admittedAt = clock.now;
    clock.advance(80);
    control.release(admittedAt);
    expect(control.serviceTimeMs).toBe(80);
  });

  it('adapts the limit window by window and admits waiters into the slots it gains', () => {
    const { control, clock } = setup(2);
    control.tryAcquire();
    control.tryAcquire();
    const waiter = new Waiter();
    control.enqueue(waiter, 1_000);
    clock.advance(100);
    // Held back on a mostly idle loop: 2 → 4 slots, and the waiter takes one of the new ones.
    expect(control.closeWindow(quiet)).toBe(false);
    expect(control.currentLimit).toBe(4);
    expect(waiter.state).toBe('admitted');
  });

  it('shrinks the limit in a congested window and remembers when', () => {
    const { control, clock } = setup(10);
    for (let i = 0; i < 10; i++) control.tryAcquire();
    clock.advance(100);
    const before = clock.now;
    expect(control.congestedSince(before)).toBe(false);
    expect(control.closeWindow(congested)).toBe(true);
    expect(control.currentLimit).toBe(9);
    expect(control.congestedSince(before)).toBe(true);
    expect(control.congestedSince(before + 1)).toBe(false);
  });

  it('holds the limit in a congested window in which it turned requests away', () => {
    const { control, clock } = setup(10, 0);
    for (let i = 0; i < 10; i++) control.tryAcquire();
    expect(control.enqueue(new Waiter(), 1_000)).toBe(false);
    clock.advance(100);
    expect(control.closeWindow(congested)).toBe(true);
    expect(control.currentLimit).toBe(10);
  });
});
