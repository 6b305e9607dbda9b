package org.lemongate.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A read-only view of a range of a byte array: how sections of a message are handed out without
 * copying it. The array is shared, never modify it.
 */
public final class ByteSlice {

  public static final ByteSlice EMPTY = new ByteSlice(new byte[0], 0, 0);

  private final byte[] array;
  private final int offset;
  private final int length;

  public ByteSlice(byte[] array, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, array.length);
    this.array = array;
    this.offset = offset;
    this.length = length;
  }

  public static ByteSlice of(byte[] bytes) {
    return new ByteSlice(bytes, 0, bytes.length);
  }

  /** The shared backing array; the slice is {@code [offset(), offset() + length())} of it. */
  public byte[] array() {
    return array;
  }

  public int offset() {
    return offset;
  }

  public int length() {
    return length;
  }

  public boolean isEmpty() {
    return length == 0;
  }

  /**
   * The {@code <origin.count>} partial of RFC 9051 §6.4.5: at most {@code count} octets from
   * {@code origin}; empty when {@code origin} is at or beyond the end.
   */
  public ByteSlice partial(long origin, long count) {
    if (origin < 0 || count < 0) {
      throw new IllegalArgumentException("negative partial <" + origin + "." + count + ">");
    }
    if (origin >= length) {
      return EMPTY;
    }
    int n = (int) Math.min(count, length - origin);
    return new ByteSlice(array, offset + (int) origin, n);
  }

  /** True if the slice holds a NUL, which only a BINARY literal8 may carry (RFC 3516 §4.2). */
  public boolean containsNul() {
    for (int i = offset; i < offset + length; i++) {
      if (array[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * This slice with every NUL replaced by 0x80, for sending outside BINARY: IMAP literals cannot
   * carry NUL (RFC 9051 §4.3, CHAR8), and 0x80 is what Dovecot sends instead. Copies only when
   * there is a NUL.
   */
  public ByteSlice withoutNul() {
    if (!containsNul()) {
      return this;
    }
    byte[] copy = toByteArray();
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] == 0) {
        copy[i] = (byte) 0x80;
      }
    }
    return of(copy);
  }

  public byte[] toByteArray() {
    return Arrays.copyOfRange(array, offset, offset + length);
  }

  public ByteBuffer asReadOnlyBuffer() {
    return ByteBuffer.wrap(array, offset, length).slice().asReadOnlyBuffer();
  }

  public InputStream inputStream() {
    return new ByteArrayInputStream(array, offset, length);
  }

  public void writeTo(OutputStream out) throws IOException {
    out.write(array, offset, length);
  }

  /** Equal when the bytes are equal, wherever they are stored. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ByteSlice other
        && Arrays.equals(array, offset, offset + length,
            other.array, other.offset, other.offset + other.length);
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (int i = offset; i < offset + length; i++) {
      h = 31 * h + array[i];
    }
    return h;
  }

  @Override
  public String toString() {
    return "ByteSlice[offset=" + offset + ", length=" + length + "]";
  }
}
