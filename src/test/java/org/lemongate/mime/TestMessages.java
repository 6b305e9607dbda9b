package org.lemongate.mime;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the sample messages under {@code src/test/resources/messages} and renders test output. */
final class TestMessages {

  private TestMessages() {}

  static byte[] load(String name) {
    try (InputStream in = TestMessages.class.getResourceAsStream("/messages/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample message " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MessageSummary summary(String name) {
    return MessageSummary.parse(load(name));
  }

  /** A message written with LF line endings in Java source, turned into CRLF. */
  static byte[] crlf(String lfText) {
    return lfText.replace("\n", "\r\n").getBytes(UTF_8);
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, UTF_8);
  }

  static String latin1(byte[] bytes) {
    return new String(bytes, ISO_8859_1);
  }

  static String utf8(ByteSlice slice) {
    return utf8(slice.toByteArray());
  }
}
