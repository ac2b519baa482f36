import { AdaptiveConcurrencyLimit, type LoadWindow } from './adaptive-concurrency.limit';

const options = { initialLimit: 64, minLimit: 16, maxLimit: 128, targetDelayMs: 20 };
/** A window in which the gateway's own loop was saturated and late, with every slot busy. */
const congested: LoadWindow = { delayMs: 45, utilization: 1, peakInFlight: 64, limited: true, turnedAway: false };
/** A fairly busy window, with CPU to spare, in which a request still found every slot taken. */
const roomy: LoadWindow = { delayMs: 2, utilization: 0.6, peakInFlight: 64, limited: true, turnedAway: false };

describe('AdaptiveConcurrencyLimit', () => {
  it('starts at the initial limit', () => {
    expect(new AdaptiveConcurrencyLimit(options).current).toBe(64);
  });

  it('shrinks by a tenth per congested window, down to the minimum and no further', () => {
    const limit = new AdaptiveConcurrencyLimit(options);
    const seen: number[] = [];
    for (let i = 0; i < 20; i++) {
      expect(limit.update({ ...congested, peakInFlight: limit.current })).toBe(true);
      seen.push(limit.current);
    }
    expect(seen.slice(0, 4)).toEqual([57, 51, 45, 40]);
    expect(seen.at(-1)).toBe(16);
  });

  it('grows by √limit per window in which it held requests back without congestion, up to the maximum', () => {
    const limit = new AdaptiveConcurrencyLimit({ ...options, initialLimit: 16 });
    const seen: number[] = [];
    for (let i = 0; i < 20; i++) {
      expect(limit.update(roomy)).toBe(false);
      seen.push(limit.current);
    }
    expect(seen.slice(0, 4)).toEqual([20, 24, 28, 33]);
    expect(seen.at(-1)).toBe(128);
  });

  it('doubles while the loop is mostly idle and requests are held back: they wait on a slow downstream, not on the CPU', () => {
    const limit = new AdaptiveConcurrencyLimit({ ...options, minLimit: 4, initialLimit: 4 });
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) {
      limit.update({ ...roomy, utilization: 0.2 });
      seen.push(limit.current);
    }
    expect(seen).toEqual([8, 16, 32, 64, 128, 128]);
  });

  it('does not grow on a saturated loop, however short its turns: more in flight would only lengthen them', () => {
    const limit = new AdaptiveConcurrencyLimit(options);
    expect(limit.update({ ...roomy, utilization: 0.95 })).toBe(false);
    expect(limit.current).toBe(64);
  });

  it('stays put while nothing is held back: an idle gateway does not drift upward', () => {
    const limit = new AdaptiveConcurrencyLimit(options);
    limit.update({ ...roomy, limited: false, peakInFlight: 3 });
    expect(limit.current).toBe(64);
  });

  it('holds while requests are being turned away, however late the loop', () => {
    const limit = new AdaptiveConcurrencyLimit(options);
    expect(limit.update({ ...congested, turnedAway: true })).toBe(true);
    expect(limit.current).toBe(64);
  });

  it('neither shrinks nor grows on a late loop that was mostly idle (a GC pause, a noisy neighbour)', () => {
    const limit = new AdaptiveConcurrencyLimit(options);
    expect(limit.update({ ...congested, utilization: 0.5 })).toBe(false);
    expect(limit.current).toBe(64);
  });

  it('does not shrink when fewer than half its slots were in use: its requests are not the load', () => {
    const limit = new AdaptiveConcurrencyLimit(options);
    expect(limit.update({ ...congested, peakInFlight: 31 })).toBe(true);
    expect(limit.current).toBe(64);
  });

  it('counts only a delay above the target as congestion', () => {
    const limit = new AdaptiveConcurrencyLimit(options);
    expect(limit.isCongested({ delayMs: 20, utilization: 1 })).toBe(false);
    expect(limit.isCongested({ delayMs: 21, utilization: 0.9 })).toBe(true);
  });
});
