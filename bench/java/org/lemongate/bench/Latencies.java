package org.lemongate.bench;

import java.util.Arrays;

/** Latencies of one kind of command, in nanoseconds, with the bytes their answers took; not thread-safe. */
final class Latencies {
  private long[] nanos = new long[1024];
  private int count;
  private long bytes;

  void record(long latencyNanos, long answerBytes) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = latencyNanos;
    bytes += answerBytes;
  }

  void addAll(Latencies other) {
    for (int i = 0; i < other.count; i++) {
      record(other.nanos[i], 0);
    }
    bytes += other.bytes;
  }

  int count() {
    return count;
  }

  long bytes() {
    return bytes;
  }

  /** The latency below which the given fraction of commands finished, in milliseconds. */
  double percentileMillis(double fraction) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    return sorted[(int) Math.min(count - 1, Math.ceil(fraction * count) - 1)] / 1e6;
  }
}
