/** Width of a bucket as a ratio: each bucket covers 2% more than the one before. */
const GROWTH = 1.02;
const SMALLEST_MS = 0.05;
const BUCKETS = 1000;

/**
 * Latency histogram with logarithmic buckets, so that a long run keeps constant memory (a list
 * of every sample would grow the heap that the soak test measures). Percentiles are accurate
 * to about 2%, and values above about 0.05 * 1.02^1000 ms (about 5 hours) share the last bucket.
 */
export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private total = 0;
  private largest = 0;

  add(milliseconds: number): void {
    const ratio = Math.max(milliseconds, SMALLEST_MS) / SMALLEST_MS;
    const index = Math.min(BUCKETS - 1, Math.floor(Math.log(ratio) / Math.log(GROWTH)));

    this.counts[index] += 1;
    this.total += 1;
    this.largest = Math.max(this.largest, milliseconds);
  }

  /** Returns the upper bound in ms of the bucket that contains the `fraction` quantile. */
  percentile(fraction: number): number {
    const wanted = Math.ceil(fraction * this.total);
    let seen = 0;

    for (let index = 0; index < BUCKETS; index += 1) {
      seen += this.counts[index];
      if (seen >= wanted && seen > 0) {
        return Math.round(SMALLEST_MS * GROWTH ** (index + 1) * 100) / 100;
      }
    }

    return 0;
  }

  max(): number {
    return Math.round(this.largest * 100) / 100;
  }
}
