package org.lemongate.pop.sync;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Bytes of messages requested from POP servers and not yet stored, summed over every user's sync:
 * the memory that many first syncs at once may hold. Each sync also keeps its own window; this
 * bounds their sum, so a hundred users logging in together cannot exhaust the heap.
 *
 * <p>A sync with nothing in flight may always take one message, whatever its size: every sync goes
 * on, and the most held is the budget plus one message per sync. Used on the sync verticle's event
 * loop only.
 */
final class DownloadBudget {
  private final long limitBytes;
  private long takenBytes;
  private final Deque<Runnable> waiting = new ArrayDeque<>();

  DownloadBudget(long limitBytes) {
    this.limitBytes = limitBytes;
  }

  /**
   * Takes {@code bytes} for a message about to be requested; false if the budget is spent, unless
   * the sync asking has nothing in flight.
   */
  boolean tryTake(long bytes, boolean nothingInFlight) {
    if (takenBytes + bytes > limitBytes && !nothingInFlight) {
      return false;
    }
    takenBytes += bytes;
    return true;
  }

  /** Gives bytes back (stored or dropped messages) and lets the syncs that waited try again. */
  void give(long bytes) {
    takenBytes -= bytes;
    for (int i = waiting.size(); i > 0 && takenBytes < limitBytes; i--) {
      waiting.poll().run();
    }
  }

  /** Runs {@code retry} once bytes are given back. */
  void whenFreed(Runnable retry) {
    waiting.add(retry);
  }

  long takenBytes() {
    return takenBytes;
  }
}
