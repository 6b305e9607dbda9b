package org.lemongate.auth;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decoding of a SASL PLAIN response (RFC 4616): {@code [authzid] NUL authcid NUL passwd}, UTF-8. */
public final class SaslPlain {
  private SaslPlain() {
  }

  /**
   * The credentials of a PLAIN response.
   *
   * @throws IllegalArgumentException with the reason, if the response is malformed, not UTF-8, or
   *     asks to act as another user (an authorization identity other than the authentication one;
   *     the gateway has no administrators who could do that)
   */
  public static Credentials decode(byte[] response) {
    int first = indexOf(response, 0);
    int second = first < 0 ? -1 : indexOf(response, first + 1);
    if (first < 0 || second < 0 || indexOf(response, second + 1) >= 0) {
      throw new IllegalArgumentException("a PLAIN response has three parts separated by NUL");
    }
    String authorization = utf8(response, 0, first);
    String user = utf8(response, first + 1, second);
    String password = utf8(response, second + 1, response.length);
    if (user.isEmpty()) {
      throw new IllegalArgumentException("the user name is empty");
    }
    if (!authorization.isEmpty() && !authorization.equals(user)) {
      throw new NotAuthorized();
    }
    return new Credentials(user, password);
  }

  /** The response asks to act as another user (RFC 5530 AUTHORIZATIONFAILED). */
  public static final class NotAuthorized extends IllegalArgumentException {
    NotAuthorized() {
      super("logging in as another user is not allowed");
    }
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  private static String utf8(byte[] bytes, int from, int to) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the response is not UTF-8");
    }
  }
}
