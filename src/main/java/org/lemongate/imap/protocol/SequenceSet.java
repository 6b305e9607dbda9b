package org.lemongate.imap.protocol;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;

/**
 * A set of message sequence numbers or UIDs (RFC 9051 {@code sequence-set}): ranges either way
 * round, {@code *} for the largest number in use, or {@code $} for the saved search result (RFC
 * 5182). Immutable.
 *
 * <p>A set without {@code *} is kept normalised: ranges ascending, disjoint, not adjacent. A set
 * with {@code *} keeps its ranges as written until {@link #resolve(long)} replaces {@code *} with
 * the current maximum; ranges cannot be merged before that, since {@code 5:*} may turn into
 * {@code 3:5}.
 *
 * <p>Builds and renders the sets the server sends, too: COPYUID, VANISHED, MODIFIED ({@link
 * #builder()}, {@link #toString()}).
 */
public final class SequenceSet {
  /** Largest sequence number or UID: nz-number is a uint32 (RFC 9051 §9). */
  public static final long MAX_VALUE = 0xFFFF_FFFFL;

  /** {@code $}, the result saved by SEARCH RETURN (SAVE), RFC 5182. */
  public static final SequenceSet SAVED_RESULT = new SequenceSet(new long[0], false, true);

  /** Stands for {@code *} inside a range; larger than every number, so ranges stay ordered. */
  private static final long STAR = Long.MAX_VALUE;

  private static final SequenceSet EMPTY = new SequenceSet(new long[0], false, false);

  /** start, end pairs, start <= end. */
  private final long[] bounds;

  private final boolean hasStar;
  private final boolean savedResult;

  private SequenceSet(long[] bounds, boolean hasStar, boolean savedResult) {
    this.bounds = bounds;
    this.hasStar = hasStar;
    this.savedResult = savedResult;
  }

  /**
   * Parses the wire form, e.g. {@code 1:5,7,*}, {@code 9:3} or {@code $}.
   *
   * @throws IllegalArgumentException with a reason, if {@code text} is not a sequence set
   */
  public static SequenceSet parse(CharSequence text) {
    if (text.length() == 1 && text.charAt(0) == '$') {
      return SAVED_RESULT;
    }
    if (text.length() == 0) {
      throw new IllegalArgumentException("empty sequence set");
    }
    Cursor cursor = new Cursor(text);
    long[] bounds = new long[8];
    int count = 0;
    boolean star = false;
    while (true) {
      long first = cursor.seqNumber();
      long last = cursor.skip(':') ? cursor.seqNumber() : first;
      star |= first == STAR || last == STAR;
      if (count + 2 > bounds.length) {
        bounds = Arrays.copyOf(bounds, bounds.length * 2);
      }
      bounds[count++] = Math.min(first, last);
      bounds[count++] = Math.max(first, last);
      if (cursor.atEnd()) {
        break;
      }
      if (!cursor.skip(',')) {
        throw cursor.unexpected();
      }
    }
    long[] exact = Arrays.copyOf(bounds, count);
    return star ? new SequenceSet(exact, true, false) : normalised(exact, count);
  }

  /** Reads seq-numbers off the text of a set. */
  private static final class Cursor {
    private final CharSequence text;
    private int pos;

    Cursor(CharSequence text) {
      this.text = text;
    }

    boolean atEnd() {
      return pos == text.length();
    }

    boolean skip(char c) {
      if (pos < text.length() && text.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    /** seq-number = nz-number / "*". */
    long seqNumber() {
      if (skip('*')) {
        return STAR;
      }
      int start = pos;
      long value = 0;
      while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
        value = value * 10 + (text.charAt(pos++) - '0');
        if (value > MAX_VALUE) {
          throw new IllegalArgumentException("number too large in sequence set " + text);
        }
      }
      if (pos == start) {
        throw atEnd()
            ? new IllegalArgumentException("sequence set " + text + " ends early")
            : unexpected();
      }
      if (value == 0) {
        throw new IllegalArgumentException("0 is not a valid message number in " + text);
      }
      return value;
    }

    IllegalArgumentException unexpected() {
      return new IllegalArgumentException(
          "unexpected '" + text.charAt(pos) + "' in sequence set " + text);
    }
  }

  /** A builder for sets the server computes; values in any order, duplicates allowed. */
  public static Builder builder() {
    return new Builder();
  }

  /** The set of the given numbers. */
  public static SequenceSet of(long... values) {
    Builder b = builder();
    for (long v : values) {
      b.add(v);
    }
    return b.build();
  }

  /** The range {@code first:last}, either way round. */
  public static SequenceSet range(long first, long last) {
    return builder().addRange(first, last).build();
  }

  /** Collects numbers and ranges, then sorts and merges them in {@link #build()}. */
  public static final class Builder {
    private long[] bounds = new long[16];
    private int count;

    private Builder() {}

    public Builder add(long value) {
      return addRange(value, value);
    }

    public Builder addRange(long first, long last) {
      check(first);
      check(last);
      if (count + 2 > bounds.length) {
        bounds = Arrays.copyOf(bounds, bounds.length * 2);
      }
      bounds[count++] = Math.min(first, last);
      bounds[count++] = Math.max(first, last);
      return this;
    }

    public SequenceSet build() {
      return count == 0 ? EMPTY : normalised(bounds, count);
    }

    private static void check(long value) {
      if (value < 1 || value > MAX_VALUE) {
        throw new IllegalArgumentException(value + " is not a valid message number");
      }
    }
  }

  /** Sorts ranges by start and merges overlapping and adjacent ones. */
  private static SequenceSet normalised(long[] bounds, int count) {
    int ranges = count / 2;
    long[][] pairs = new long[ranges][];
    boolean sorted = true;
    for (int r = 0; r < ranges; r++) {
      pairs[r] = new long[] {bounds[2 * r], bounds[2 * r + 1]};
      sorted &= r == 0 || pairs[r - 1][0] <= pairs[r][0];
    }
    if (!sorted) {
      Arrays.sort(pairs, (a, b) -> Long.compare(a[0], b[0]));
    }
    long[] merged = new long[count];
    int n = 0;
    for (long[] pair : pairs) {
      if (n > 0 && pair[0] <= merged[n - 1] + 1) {
        merged[n - 1] = Math.max(merged[n - 1], pair[1]);
      } else {
        merged[n++] = pair[0];
        merged[n++] = pair[1];
      }
    }
    return new SequenceSet(n == count ? merged : Arrays.copyOf(merged, n), false, false);
  }

  /** True for {@code $}. */
  public boolean isSavedResult() {
    return savedResult;
  }

  /** True if the set mentions {@code *} and needs {@link #resolve(long)} before use. */
  public boolean hasStar() {
    return hasStar;
  }

  /**
   * This set with {@code *} replaced by {@code max}, the highest sequence number or UID in use,
   * normalised. Numbers at or below 0 are dropped, so with an empty mailbox ({@code max} 0) a lone
   * {@code *} matches nothing. Numbers above {@code max} are kept: per RFC 9051 §6.4.4 the caller
   * ignores those that match no message.
   */
  public SequenceSet resolve(long max) {
    if (savedResult) {
      throw new IllegalStateException("$ must be replaced by the saved result, not resolved");
    }
    if (!hasStar) {
      return this;
    }
    Builder b = builder();
    for (int i = 0; i < bounds.length; i += 2) {
      long first = bounds[i] == STAR ? max : bounds[i];
      long last = bounds[i + 1] == STAR ? max : bounds[i + 1];
      long low = Math.max(1, Math.min(first, last));
      long high = Math.max(first, last);
      if (high >= 1) {
        b.addRange(low, high);
      }
    }
    return b.build();
  }

  /** True if {@code value} is in this set. */
  public boolean contains(long value) {
    requireConcrete();
    int low = 0;
    int high = bounds.length / 2 - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (value < bounds[2 * mid]) {
        high = mid - 1;
      } else if (value > bounds[2 * mid + 1]) {
        low = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }

  public boolean isEmpty() {
    return bounds.length == 0 && !savedResult;
  }

  /** Number of ranges, for callers that scan range by range (a store range scan). */
  public int rangeCount() {
    requireConcrete();
    return bounds.length / 2;
  }

  public long rangeStart(int range) {
    requireConcrete();
    return bounds[2 * range];
  }

  public long rangeEnd(int range) {
    requireConcrete();
    return bounds[2 * range + 1];
  }

  /** Smallest number in the set. */
  public long min() {
    requireConcrete();
    requireNotEmpty();
    return bounds[0];
  }

  /** Largest number in the set. */
  public long max() {
    requireConcrete();
    requireNotEmpty();
    return bounds[bounds.length - 1];
  }

  /** How many numbers the set holds (ranges may be huge: iterate existing messages instead). */
  public long count() {
    requireConcrete();
    long total = 0;
    for (int i = 0; i < bounds.length; i += 2) {
      total += bounds[i + 1] - bounds[i] + 1;
    }
    return total;
  }

  /** The numbers in ascending order. */
  public PrimitiveIterator.OfLong values() {
    requireConcrete();
    return new PrimitiveIterator.OfLong() {
      private int range;
      private long next = bounds.length == 0 ? 0 : bounds[0];

      @Override
      public boolean hasNext() {
        return range < bounds.length;
      }

      @Override
      public long nextLong() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        long value = next;
        if (value == bounds[range + 1]) {
          range += 2;
          next = range < bounds.length ? bounds[range] : 0;
        } else {
          next++;
        }
        return value;
      }
    };
  }

  private void requireConcrete() {
    if (hasStar || savedResult) {
      throw new IllegalStateException("resolve " + this + " first");
    }
  }

  private void requireNotEmpty() {
    if (bounds.length == 0) {
      throw new NoSuchElementException("empty sequence set");
    }
  }

  /** The compact wire form, e.g. {@code 1:5,7,9:12}; an empty set gives "". */
  @Override
  public String toString() {
    if (savedResult) {
      return "$";
    }
    StringBuilder sb = new StringBuilder(bounds.length * 4);
    for (int i = 0; i < bounds.length; i += 2) {
      if (i > 0) {
        sb.append(',');
      }
      appendNumber(sb, bounds[i]);
      if (bounds[i + 1] != bounds[i]) {
        sb.append(':');
        appendNumber(sb, bounds[i + 1]);
      }
    }
    return sb.toString();
  }

  private static void appendNumber(StringBuilder sb, long value) {
    if (value == STAR) {
      sb.append('*');
    } else {
      sb.append(value);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SequenceSet other
        && hasStar == other.hasStar
        && savedResult == other.savedResult
        && Arrays.equals(bounds, other.bounds);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bounds) * 31 + (hasStar ? 1 : 0) + (savedResult ? 2 : 0);
  }
}
