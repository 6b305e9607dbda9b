package org.lemongate.pop.client;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import org.lemongate.pop.client.Pop3Exception.Kind;

/** Turns transport errors (Netty, JDK) into {@link Pop3Exception}s with a clear message. */
final class Failures {
  private Failures() {
  }

  /**
   * @param server host:port
   * @param doing  what was under way, completing "failed ...": "while connecting", "in the TLS handshake"
   * @param tls    whether TLS was part of it, so an unrecognised error is reported as a TLS failure
   */
  static Pop3Exception ofTransport(String server, String doing, boolean tls, Throwable cause) {
    String reason = rootMessage(cause);
    if (has(cause, SslHandshakeTimeoutException.class) || has(cause, ConnectTimeoutException.class)) {
      return new Pop3Exception(Kind.TIMEOUT, "POP3 server " + server + " timed out " + doing
          + ": " + reason, cause);
    }
    if (has(cause, SSLException.class) || has(cause, CertificateException.class)) {
      return new Pop3Exception(Kind.TLS, "TLS with POP3 server " + server + " failed " + doing
          + " (is its certificate trusted and issued for this host name?): " + reason, cause);
    }
    if (has(cause, UnknownHostException.class) || has(cause, ConnectException.class)) {
      return new Pop3Exception(Kind.UNAVAILABLE, "POP3 server " + server + " cannot be reached: " + reason, cause);
    }
    return new Pop3Exception(tls ? Kind.TLS : Kind.UNAVAILABLE, "connection to POP3 server " + server + " failed "
        + doing + ": " + reason, cause);
  }

  private static boolean has(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + ServerText.quote(message));
  }
}
