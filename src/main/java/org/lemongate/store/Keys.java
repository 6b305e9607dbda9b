package org.lemongate.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Key encodings. Every key starts with the user's prefix: the length of the UTF-8 user name in two
 * bytes, then the name, byte for byte as the POP server accepted it (design invariant 5), so one
 * user's keys can never be a prefix of another's. Numbers are 8-byte big-endian, so a key range is
 * a numeric range (UIDs, MODSEQs and ids are never negative).
 */
final class Keys {
  static final int MAX_USER_BYTES = 0xFFFF;

  private Keys() {
  }

  static byte[] user(String user) {
    byte[] name = user.getBytes(StandardCharsets.UTF_8);
    if (name.length > MAX_USER_BYTES) {
      throw new IllegalArgumentException("user name longer than " + MAX_USER_BYTES + " bytes");
    }
    byte[] key = new byte[2 + name.length];
    key[0] = (byte) (name.length >>> 8);
    key[1] = (byte) name.length;
    System.arraycopy(name, 0, key, 2, name.length);
    return key;
  }

  /** The user name a key starts with. */
  static String userOf(byte[] key) {
    int length = ((key[0] & 0xFF) << 8) | (key[1] & 0xFF);
    return new String(key, 2, length, StandardCharsets.UTF_8);
  }

  /** Length of the user prefix of a key. */
  static int userPrefixLength(byte[] key) {
    return 2 + (((key[0] & 0xFF) << 8) | (key[1] & 0xFF));
  }

  static byte[] withText(byte[] prefix, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    byte[] key = Arrays.copyOf(prefix, prefix.length + bytes.length);
    System.arraycopy(bytes, 0, key, prefix.length, bytes.length);
    return key;
  }

  static byte[] withLongs(byte[] prefix, long... numbers) {
    ByteBuffer key = ByteBuffer.allocate(prefix.length + 8 * numbers.length).put(prefix);
    for (long n : numbers) {
      key.putLong(n);
    }
    return key.array();
  }

  static String textAfter(byte[] key, int prefixLength) {
    return new String(key, prefixLength, key.length - prefixLength, StandardCharsets.UTF_8);
  }

  static long longAt(byte[] key, int offset) {
    return ByteBuffer.wrap(key, offset, 8).getLong();
  }

  /** The smallest key greater than every key that starts with {@code prefix}. */
  static byte[] prefixEnd(byte[] prefix) {
    byte[] end = prefix.clone();
    for (int i = end.length - 1; i >= 0; i--) {
      if (end[i] != (byte) 0xFF) {
        end[i]++;
        return Arrays.copyOf(end, i + 1);
      }
    }
    return null;
  }
}
