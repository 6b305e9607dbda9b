package org.lemongate.store;

import java.nio.ByteBuffer;

/**
 * Where a message body is in the {@link BodyFiles}: the record RocksDB keeps under the body's
 * blob id.
 *
 * @param segment the segment file's number
 * @param offset  first byte of the body in that file
 * @param length  length of the body in bytes
 * @param crc32c  CRC-32C of the body, checked on every read
 */
record BodyLocation(long segment, long offset, int length, int crc32c) {
  private static final int ENCODED_BYTES = 24;

  byte[] encode() {
    return ByteBuffer.allocate(ENCODED_BYTES).putLong(segment).putLong(offset).putInt(length).putInt(crc32c).array();
  }

  static BodyLocation decode(byte[] value) {
    if (value.length != ENCODED_BYTES) {
      throw new CorruptStoreException("a body location of " + value.length + " bytes instead of " + ENCODED_BYTES);
    }
    ByteBuffer in = ByteBuffer.wrap(value);
    return new BodyLocation(in.getLong(), in.getLong(), in.getInt(), in.getInt());
  }
}
