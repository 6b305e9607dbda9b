package org.lemongate.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Bytes of heap this JVM's live threads have allocated so far (HotSpot's per-thread counters): the
 * difference between two readings is what the work in between allocated, the garbage collector's
 * future work included. A thread that ended between the readings is not counted.
 */
final class HeapAllocation {
  private HeapAllocation() {}

  static long allocatedBytes() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    return Arrays.stream(threads.getThreadAllocatedBytes(threads.getAllThreadIds())).filter(bytes -> bytes > 0).sum();
  }
}
