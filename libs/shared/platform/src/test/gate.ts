/** Holds each call of a probe route until the test lets it go; `calls` counts the calls that reached it. */
export class Gate {
  calls = 0;
  private waiting: (() => void)[] = [];

  hold(): Promise<void> {
    this.calls += 1;
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  releaseAll(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}
