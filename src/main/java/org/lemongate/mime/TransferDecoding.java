package org.lemongate.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

/**
 * Removes a Content-Transfer-Encoding (RFC 2045 §6), leniently as §6.7 and §6.8 advise: bad
 * quoted-printable escapes are kept as they are (mime4j's decoder), characters outside the
 * base64 alphabet are ignored and base64 ends at its first '='.
 */
final class TransferDecoding {

  private static final byte[] BASE64_VALUES = new byte[256];

  static {
    Arrays.fill(BASE64_VALUES, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      BASE64_VALUES[alphabet.charAt(i)] = (byte) i;
    }
  }

  private TransferDecoding() {}

  /** The decoded content, the same slice for an identity encoding, or null for an unknown one. */
  static ByteSlice decode(ByteSlice encoded, String encoding) {
    switch (Octets.lowerAscii(encoding)) {
      case "7bit", "8bit", "binary":
        return encoded;
      case "base64":
        return base64(encoded);
      case "quoted-printable":
        return quotedPrintable(encoded);
      default:
        return null;
    }
  }

  private static ByteSlice quotedPrintable(ByteSlice encoded) {
    try (QuotedPrintableInputStream in =
        new QuotedPrintableInputStream(encoded.inputStream(), DecodeMonitor.SILENT)) {
      return ByteSlice.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("reading from memory", e);
    }
  }

  /** A final group of two or three characters still yields its bytes, as unpadded data needs. */
  private static ByteSlice base64(ByteSlice encoded) {
    byte[] in = encoded.array();
    ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length() * 3 / 4 + 3);
    int bits = 0;
    int count = 0;
    for (int i = encoded.offset(); i < encoded.offset() + encoded.length(); i++) {
      if (in[i] == '=') {
        break;
      }
      int v = BASE64_VALUES[in[i] & 0xFF];
      if (v < 0) {
        continue;
      }
      bits = bits << 6 | v;
      count++;
      if (count == 4) {
        out.write(bits >> 16);
        out.write(bits >> 8);
        out.write(bits);
        bits = 0;
        count = 0;
      }
    }
    if (count >= 2) {
      bits <<= 6 * (4 - count);
      out.write(bits >> 16);
      if (count == 3) {
        out.write(bits >> 8);
      }
    }
    return ByteSlice.of(out.toByteArray());
  }
}
