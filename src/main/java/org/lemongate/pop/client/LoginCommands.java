package org.lemongate.pop.client;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.lemongate.auth.Credentials;

/**
 * Builds the commands that carry credentials. The password goes from {@link Credentials} bytes
 * straight into the wire buffer; it never becomes a {@code String}, and each copy is wiped.
 */
final class LoginCommands {
  /** RFC 2449 section 4 and RFC 5034 section 4: a command line is at most 255 octets with CRLF. */
  static final int MAX_COMMAND_LINE = 255;

  private LoginCommands() {
  }

  static Request user(Credentials credentials) {
    return Request.command("USER " + credentials.user());
  }

  static Request pass(Credentials credentials) {
    byte[] password = credentials.passwordBytes();
    try {
      return Request.secret("PASS", line("PASS ", password), null);
    } finally {
      Arrays.fill(password, (byte) 0);
    }
  }

  /** RFC 1939 section 7: {@code APOP name digest}, digest = hex MD5 of the greeting timestamp + password. */
  static Request apop(Credentials credentials, String timestamp) {
    byte[] password = credentials.passwordBytes();
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(timestamp.getBytes(StandardCharsets.US_ASCII));
      md5.update(password);
      String digest = HexFormat.of().formatHex(md5.digest());
      String name = "APOP " + credentials.user();
      return Request.secret(name, line(name + " ", digest.getBytes(StandardCharsets.US_ASCII)), null);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every Java runtime has MD5", impossible);
    } finally {
      Arrays.fill(password, (byte) 0);
    }
  }

  /**
   * RFC 5034 section 4 with the PLAIN mechanism of RFC 4616 (empty authorization id). The initial
   * response goes on the command line when the line fits in 255 octets, otherwise after the server's
   * {@code +} continuation.
   */
  static Request authPlain(Credentials credentials) {
    byte[] user = credentials.user().getBytes(StandardCharsets.UTF_8);
    byte[] password = credentials.passwordBytes();
    byte[] message = new byte[user.length + password.length + 2];
    System.arraycopy(user, 0, message, 1, user.length);
    System.arraycopy(password, 0, message, user.length + 2, password.length);
    byte[] encoded = Base64.getEncoder().encode(message);
    try {
      String command = "AUTH PLAIN";
      if (command.length() + 1 + encoded.length + 2 <= MAX_COMMAND_LINE) {
        return Request.secret(command, line(command + " ", encoded), null);
      }
      return Request.secret(command, line(command, new byte[0]), line("", encoded));
    } finally {
      Arrays.fill(password, (byte) 0);
      Arrays.fill(message, (byte) 0);
      Arrays.fill(encoded, (byte) 0);
    }
  }

  /** The {@code <...>} timestamp of an APOP-capable greeting (RFC 1939 section 7), or null. */
  static String apopTimestamp(String greetingText) {
    int open = greetingText.indexOf('<');
    int close = open < 0 ? -1 : greetingText.indexOf('>', open);
    return close < 0 ? null : greetingText.substring(open, close + 1);
  }

  private static Buffer line(String prefix, byte[] argument) {
    return Buffer.buffer(prefix.length() + argument.length + 2)
        .appendString(prefix, StandardCharsets.UTF_8.name())
        .appendBytes(argument)
        .appendString("\r\n");
  }
}
