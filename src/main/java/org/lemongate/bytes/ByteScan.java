package org.lemongate.bytes;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Searches and counts bytes in an array eight at a time (SWAR: the eight bytes of a long are
 * tested together with a few arithmetic operations), several times faster than a loop over single
 * bytes. Every message the gateway downloads is scanned for line ends this way, by the POP reader and
 * by the MIME parser, which is why it matters.
 */
public final class ByteScan {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long LOW_SEVEN_BITS = 0x7f7f7f7f7f7f7f7fL;
  private static final long CRS = ONES * '\r';
  private static final long LFS = ONES * '\n';

  private ByteScan() {}

  /** The index of the first {@code b} in {@code [from, to)}, or -1. */
  public static int indexOf(byte[] bytes, byte b, int from, int to) {
    long pattern = ONES * (b & 0xff);
    int i = from;
    for (; i <= to - Long.BYTES; i += Long.BYTES) {
      long matches = zeroBytes((long) LONGS.get(bytes, i) ^ pattern);
      if (matches != 0) {
        return i + firstByte(matches);
      }
    }
    for (; i < to; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** The index of the first CR or LF in {@code [from, to)}, or -1. */
  public static int indexOfLineBreak(byte[] bytes, int from, int to) {
    int i = from;
    for (; i <= to - Long.BYTES; i += Long.BYTES) {
      long word = (long) LONGS.get(bytes, i);
      long matches = zeroBytes(word ^ CRS) | zeroBytes(word ^ LFS);
      if (matches != 0) {
        return i + firstByte(matches);
      }
    }
    for (; i < to; i++) {
      if (bytes[i] == '\r' || bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** How many times {@code b} occurs in {@code [from, to)}. */
  public static int count(byte[] bytes, byte b, int from, int to) {
    long pattern = ONES * (b & 0xff);
    int count = 0;
    int i = from;
    for (; i <= to - Long.BYTES; i += Long.BYTES) {
      count += Long.bitCount(zeroBytes((long) LONGS.get(bytes, i) ^ pattern));
    }
    for (; i < to; i++) {
      if (bytes[i] == b) {
        count++;
      }
    }
    return count;
  }

  /**
   * The high bit of each byte of {@code x} that is zero, and no other bit. Exact: adding 0x7f to the
   * low seven bits of a byte cannot carry into the next byte, unlike the shorter "has a zero" trick.
   */
  private static long zeroBytes(long x) {
    long lowBitsNonZero = (x & LOW_SEVEN_BITS) + LOW_SEVEN_BITS;
    return ~(lowBitsNonZero | x | LOW_SEVEN_BITS);
  }

  /** The position in the array (little-endian long) of the lowest byte flagged by {@link #zeroBytes}. */
  private static int firstByte(long flags) {
    return Long.numberOfTrailingZeros(flags) >>> 3;
  }
}
