/** Wakes the resync runner when a job is started, so it need not wait for its next poll. */
export class ResyncSignal {
  private listener: (() => void) | undefined;

  /** Sets the function that `wake` calls; the runner sets it when it starts. */
  onWake(listener: (() => void) | undefined): void {
    this.listener = listener;
  }

  wake(): void {
    this.listener?.();
  }
}
