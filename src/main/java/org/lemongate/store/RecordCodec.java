package org.lemongate.store;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The value encoding of store records: a format version byte, then fields in a fixed order.
 * A record written by a newer format is refused rather than misread.
 */
final class RecordCodec {
  static final int VERSION = 1;

  private RecordCodec() {
  }

  static final class Writer {
    private final ByteArrayOutputStream bytes;
    private final DataOutputStream out;

    Writer() {
      this(64);
    }

    /** A writer whose buffer need not grow for a record of up to {@code expectedBytes}. */
    Writer(int expectedBytes) {
      bytes = new ByteArrayOutputStream(expectedBytes);
      out = new DataOutputStream(bytes);
      writeByte(VERSION);
    }

    Writer writeByte(int value) {
      try {
        out.writeByte(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Writer writeLong(long value) {
      try {
        out.writeLong(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Writer writeBoolean(boolean value) {
      return writeByte(value ? 1 : 0);
    }

    /** A string that may be null. */
    Writer writeString(String value) {
      try {
        out.writeBoolean(value != null);
        if (value != null) {
          out.writeUTF(value);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Writer writeStrings(List<String> values) {
      try {
        out.writeInt(values.size());
        for (String value : values) {
          out.writeUTF(value);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    /** A byte array that may be null. */
    Writer writeBytes(byte[] value) {
      try {
        out.writeInt(value == null ? -1 : value.length);
        if (value != null) {
          out.write(value);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    byte[] toBytes() {
      return bytes.toByteArray();
    }
  }

  static final class Reader {
    private final DataInputStream in;
    private final String what;

    Reader(byte[] value, String what) {
      this.in = new DataInputStream(new java.io.ByteArrayInputStream(value));
      this.what = what;
      int version = readByte();
      if (version != VERSION) {
        throw new CorruptStoreException(what + " record has unknown format version " + version);
      }
    }

    int readByte() {
      try {
        return in.readUnsignedByte();
      } catch (IOException e) {
        throw truncated(e);
      }
    }

    long readLong() {
      try {
        return in.readLong();
      } catch (IOException e) {
        throw truncated(e);
      }
    }

    boolean readBoolean() {
      return readByte() != 0;
    }

    String readString() {
      try {
        return in.readBoolean() ? in.readUTF() : null;
      } catch (IOException e) {
        throw truncated(e);
      }
    }

    List<String> readStrings() {
      try {
        int count = in.readInt();
        if (count < 0 || count > in.available()) {
          throw new CorruptStoreException(what + " record holds an impossible list length " + count);
        }
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          values.add(in.readUTF());
        }
        return values;
      } catch (IOException e) {
        throw truncated(e);
      }
    }

    byte[] readBytes() {
      try {
        int length = in.readInt();
        if (length < 0) {
          return null;
        }
        if (length > in.available()) {
          throw new CorruptStoreException(what + " record is shorter than its byte field");
        }
        return in.readNBytes(length);
      } catch (IOException e) {
        throw truncated(e);
      }
    }

    private CorruptStoreException truncated(IOException e) {
      return new CorruptStoreException(what + " record is truncated: " + e);
    }
  }
}
