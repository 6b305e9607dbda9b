package org.lemongate.imap.server.handler;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Function;
import org.lemongate.auth.Credentials;
import org.lemongate.auth.SaslPlain;
import org.lemongate.imap.command.Command;
import org.lemongate.imap.response.ResponseCode;
import org.lemongate.imap.server.Completion;
import org.lemongate.imap.server.ImapSession;

/** STARTTLS, LOGIN and AUTHENTICATE (PLAIN, LOGIN; SASL-IR): the commands of the not-authenticated state. */
public final class AuthCommands {
  private AuthCommands() {
  }

  public static Future<Completion> startTls(ImapSession session, String tag, Command.StartTls command) {
    if (session.tls() || !session.plainPort()) {
      return Future.succeededFuture(Completion.bad("TLS is already active"));
    }
    return session.startTls(tag);
  }

  public static Future<Completion> login(ImapSession session, String tag, Command.Login command) {
    if (!session.mayLogIn()) {
      return Future.succeededFuture(Completion.no(ResponseCode.PRIVACYREQUIRED,
          "Passwords are accepted only over TLS: use STARTTLS or the IMAPS port"));
    }
    return session.logIn(new Credentials(command.user(), command.password()));
  }

  /** AUTHENTICATE with SASL PLAIN (RFC 4616) or LOGIN, the initial response inline or after "+". */
  public static Future<Completion> authenticate(ImapSession session, String tag, Command.Authenticate command) {
    if (!session.mayLogIn()) {
      return Future.succeededFuture(Completion.no(ResponseCode.PRIVACYREQUIRED,
          "Passwords are accepted only over TLS: use STARTTLS or the IMAPS port"));
    }
    Future<Completion> outcome = switch (command.mechanism().toUpperCase(Locale.ROOT)) {
      case "PLAIN" -> response(session, command.initialResponse(), "")
          .compose(bytes -> withDecoded(bytes, response -> session.logIn(SaslPlain.decode(response))));
      case "LOGIN" -> response(session, command.initialResponse(), "Username:")
          .compose(userBytes -> withDecoded(userBytes, user -> response(session, null, "Password:")
              .compose(passwordBytes -> withDecoded(passwordBytes, password -> session.logIn(new Credentials(
                  new String(user, StandardCharsets.UTF_8), new String(password, StandardCharsets.UTF_8)))))));
      default -> Future.succeededFuture(Completion.no(null,
          "Unsupported authentication mechanism; PLAIN and LOGIN are offered"));
    };
    return outcome.recover(failure -> failure instanceof Cancelled
        ? Future.succeededFuture(Completion.bad("Authentication cancelled"))
        : Future.failedFuture(failure));
  }

  /**
   * The client's next SASL response, base64-decoded: the initial response if one came with the
   * command (SASL-IR, RFC 4959; "=" means empty), else the line answering a "+" challenge.
   * A response "*" cancels (RFC 9051 §6.2.2) and fails the future with {@link Cancelled}.
   */
  private static Future<byte[]> response(ImapSession session, String initialResponse, String challenge) {
    if (initialResponse != null) {
      return Future.succeededFuture(decode(initialResponse.equals("=") ? "" : initialResponse));
    }
    Promise<byte[]> answer = Promise.promise();
    session.writer().challenge(challenge.getBytes(StandardCharsets.US_ASCII));
    session.flush();
    session.expectRawLine((Buffer line) -> {
      String text = line.toString(StandardCharsets.US_ASCII).trim();
      if (text.equals("*")) {
        answer.fail(new Cancelled());
      } else {
        answer.complete(decode(text));
      }
    });
    return answer.future();
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Future<Completion> withDecoded(byte[] bytes, Function<byte[], Future<Completion>> next) {
    if (bytes == null) {
      return Future.succeededFuture(Completion.bad("The SASL response is not valid base64"));
    }
    try {
      return next.apply(bytes);
    } catch (SaslPlain.NotAuthorized e) {
      return Future.succeededFuture(Completion.no(ResponseCode.AUTHORIZATIONFAILED, "Logging in as another user"
          + " is not allowed"));
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(Completion.no(ResponseCode.AUTHENTICATIONFAILED, "Invalid credentials: "
          + e.getMessage()));
    }
  }

  /** The client answered a challenge with "*". */
  private static final class Cancelled extends RuntimeException {
    Cancelled() {
      super("authentication cancelled", null, false, false);
    }
  }
}
