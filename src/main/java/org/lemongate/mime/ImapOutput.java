package org.lemongate.mime;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;
import org.lemongate.imap.protocol.Chars;

/**
 * Writes IMAP response syntax (RFC 9051 §4, §9): NIL, numbers, and strings as quoted strings
 * when the dialect allows, literals otherwise.
 */
final class ImapOutput {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
  private final ImapDialect dialect;

  ImapOutput(ImapDialect dialect) {
    this.dialect = dialect;
  }

  ImapDialect dialect() {
    return dialect;
  }

  ImapOutput raw(String ascii) {
    out.writeBytes(ascii.getBytes(US_ASCII));
    return this;
  }

  ImapOutput open() {
    out.write('(');
    return this;
  }

  ImapOutput close() {
    out.write(')');
    return this;
  }

  ImapOutput space() {
    out.write(' ');
    return this;
  }

  ImapOutput nil() {
    return raw("NIL");
  }

  ImapOutput number(long n) {
    return raw(Long.toString(n));
  }

  /** An nstring: NIL for null, else a string. */
  ImapOutput nstring(String octets) {
    return octets == null ? nil() : string(octets);
  }

  /** A string holding the given octets. */
  ImapOutput string(String octets) {
    byte[] bytes = Octets.bytes(octets);
    if (Chars.quotable(bytes, dialect.utf8Quoted())) {
      out.write('"');
      for (byte b : bytes) {
        if (b == '"' || b == '\\') {
          out.write('\\');
        }
        out.write(b);
      }
      out.write('"');
    } else {
      raw("{" + bytes.length + "}\r\n");
      out.writeBytes(bytes);
    }
    return this;
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

}
