import { SlidingWindow } from './sliding-window';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('SlidingWindow', () => {
  it('totals each counter over the window', () => {
    const window = new SlidingWindow(['a', 'b'], 1_000, clock().now);
    window.add('a');
    window.add('a');
    window.add('b');

    expect(window.totals()).toEqual({ a: 2, b: 1 });
  });

  it('drops counts bucket by bucket as they slide out of the window', () => {
    const time = clock();
    const window = new SlidingWindow(['a'], 1_000, time.now);
    window.add('a');
    time.advance(500);
    window.add('a');

    time.advance(550);
    expect(window.totals()).toEqual({ a: 1 });
    time.advance(500);
    expect(window.totals()).toEqual({ a: 0 });
  });

  it('forgets everything after a quiet spell, however few calls follow it', () => {
    const time = clock();
    const window = new SlidingWindow(['a', 'b'], 1_000, time.now);
    for (let i = 0; i < 10; i++) {
      window.add('a');
      time.advance(100);
    }

    time.advance(60_000);
    window.add('b');

    expect(window.totals()).toEqual({ a: 0, b: 1 });
  });

  it('starts afresh when cleared', () => {
    const window = new SlidingWindow(['a'], 1_000);
    window.add('a');
    window.clear();
    expect(window.totals()).toEqual({ a: 0 });
    window.add('a');
    expect(window.totals()).toEqual({ a: 1 });
  });
});
