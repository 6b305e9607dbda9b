package org.lemongate.pop.client;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetSocket;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLSession;
import org.lemongate.auth.Credentials;
import org.lemongate.config.BackendConfig;
import org.lemongate.config.PopAuthMode;
import org.lemongate.config.TlsMode;
import org.lemongate.pop.client.Pop3Exception.Kind;

/**
 * A non-blocking POP3 client session (RFC 1939, with CAPA, PIPELINING and response codes of RFC 2449,
 * STLS of RFC 2595, AUTH of RFC 5034). Obtain one from {@link Pop3Connector#connect()}: it is then
 * greeted, knows the server's capabilities and, for {@link TlsMode#STARTTLS}, already runs TLS.
 *
 * <p>Every method returns a {@link Future} and never throws; a misbehaving server only fails futures,
 * with a {@link Pop3Exception} whose {@link Pop3Exception.Kind kind} says what happened. Methods may be
 * called from any thread; the work runs on the connection's event loop. Commands may be issued without
 * waiting for earlier answers (call {@link #retr} a thousand times): they are sent in order, pipelined
 * when the server offers PIPELINING, one at a time otherwise, and their futures complete in order.
 *
 * <p>Deletions are real only once {@link #quit()} succeeds (RFC 1939 section 6). {@link #close()} or
 * any failure leaves the maildrop as it was.
 *
 * <p>The accessors ({@link #state()}, {@link #capabilities()}) show the session as of the last
 * completed future; read them from its callbacks or after waiting for it.
 */
public final class Pop3Client {

  /** Where the session stands (RFC 1939 section 3). */
  public enum State {
    /** Connected and greeted; {@link #login} is next. */
    AUTHORIZATION,
    /** Logged in: the maildrop can be read and messages marked for deletion. */
    TRANSACTION,
    /** QUIT was sent; the server commits the deletions if it answers {@code +OK}. */
    UPDATE,
    /** The connection is closed. */
    CLOSED
  }

  /** How long, after the answer to QUIT, the server may take to close the connection itself. */
  private static final long QUIT_CLOSE_GRACE_MILLIS = 2_000;

  private final Context context;
  /** The thread of {@code context}'s event loop, where the session state lives. */
  private final Thread eventLoop;
  private final Pop3Connection connection;
  private final BackendConfig backend;
  private final Pop3Limits limits;
  private State state = State.AUTHORIZATION;
  private Capabilities capabilities = Capabilities.NONE;
  private String apopTimestamp;

  private Pop3Client(Context context, Pop3Connection connection, BackendConfig backend, Pop3Limits limits) {
    this.context = context;
    this.eventLoop = Thread.currentThread();
    this.connection = connection;
    this.backend = backend;
    this.limits = limits;
  }

  /** Reads the greeting, asks CAPA and, for STARTTLS, upgrades the connection. Runs on {@code context}. */
  static Future<Pop3Client> open(Vertx vertx, Context context, NetSocket socket, BackendConfig backend,
      ClientSSLOptions tls, Pop3Limits limits) {
    Pop3Connection connection = new Pop3Connection(vertx, socket, backend.host(), backend.port(),
        backend.commandTimeout().toMillis(), tls, limits);
    Pop3Client client = new Pop3Client(context, connection, backend, limits);
    return connection.greeting()
        .compose(client::acceptGreeting)
        .compose(ignored -> client.readCapabilities())
        .compose(ignored -> backend.tls() == TlsMode.STARTTLS ? client.startTls() : Future.succeededFuture())
        .map(ignored -> client)
        .onFailure(ignored -> connection.close());
  }

  /** host:port of the server, as failure messages name it. */
  public String server() {
    return connection.server();
  }

  public State state() {
    return connection.isClosed() ? State.CLOSED : state;
  }

  /** What CAPA answered (after TLS, when STLS was used); {@link Capabilities#NONE} if it was refused. */
  public Capabilities capabilities() {
    return capabilities;
  }

  /** The TLS session, or null on a plain connection. */
  public SSLSession sslSession() {
    return connection.socket().isSsl() ? connection.socket().sslSession() : null;
  }

  /**
   * Logs in by {@link BackendConfig#auth()}: AUTO uses AUTH PLAIN when CAPA lists SASL PLAIN, else
   * USER/PASS. Credentials holding CR, LF or NUL are never sent: they fail with AUTH at once. Wrong
   * credentials fail with AUTH, a locked maildrop with IN_USE, and so on by response code.
   */
  public Future<Void> login(Credentials credentials) {
    return onContext(() -> {
      if (state != State.AUTHORIZATION) {
        return misuse("login");
      }
      if (credentials.hasLineBreakOrNul()) {
        return Future.failedFuture(new Pop3Exception(Kind.AUTH, "credentials of " + ServerText.quote(credentials.user())
            + " were not sent to POP3 server " + server() + ": the user name or password contains CR, LF or NUL"));
      }
      Future<Void> attempt = switch (loginMode()) {
        case USER -> userPass(credentials);
        case APOP -> apop(credentials);
        default -> authPlain(credentials);
      };
      return attempt.map(loggedIn -> {
        state = State.TRANSACTION;
        connection.allowInFlight(capabilities.has("PIPELINING") ? limits.maxCommandsInFlight() : 1);
        return loggedIn;
      });
    });
  }

  /** STAT: number and total size of the messages not marked deleted. */
  public Future<MaildropStatus> stat() {
    return transaction(Request.command("STAT"), response -> Listings.status(response.text()));
  }

  /** LIST: every message's number and size. */
  public Future<List<MessageSize>> list() {
    return transaction(Request.listing("LIST", limits.maxListingBytes()), response -> Listings.sizes(response.body()));
  }

  /**
   * UIDL: every message's number and unique-id. A server that refuses UIDL fails with UIDL_UNSUPPORTED;
   * a listing with two messages of the same id fails with PROTOCOL.
   */
  public Future<List<MessageUid>> uidl() {
    return transaction(Request.listing("UIDL", limits.maxListingBytes()), response -> Listings.uids(response.body()),
        Kind.UIDL_UNSUPPORTED);
  }

  /** LIST and UIDL together, joined by message number; PROTOCOL if they disagree on the messages. */
  public Future<List<MessageInfo>> scan() {
    Future<List<MessageSize>> sizes = list();
    Future<List<MessageUid>> uids = uidl();
    return Future.all(sizes, uids).compose(both -> {
      try {
        return Future.succeededFuture(Listings.join(sizes.result(), uids.result()));
      } catch (ProtocolViolation violation) {
        return Future.failedFuture(protocol(violation));
      }
    });
  }

  /**
   * TOP: the header of message {@code message}, the blank line and the first {@code lines} body lines,
   * with CRLF line ends, at most {@link BackendConfig#maxMessageBytes()} long.
   */
  public Future<byte[]> top(int message, int lines) {
    if (message < 1 || lines < 0) {
      return Future.failedFuture(new IllegalArgumentException("TOP " + message + " " + lines));
    }
    return transaction(Request.message("TOP " + message + " " + lines, backend.maxMessageBytes(), 0), Response::body);
  }

  /**
   * RETR: message {@code message} exactly as stored, dot-unstuffed, with CRLF line ends. A message over
   * {@code maxBytes} fails with TOO_BIG as soon as the limit is crossed, and the connection is closed.
   * {@code listedSize}, the size LIST gave (0 if unknown), sizes the buffer the message is read into.
   */
  public Future<byte[]> retr(int message, long listedSize, long maxBytes) {
    if (message < 1 || maxBytes < 0 || listedSize < 0) {
      return Future.failedFuture(new IllegalArgumentException("RETR " + message + " with limit " + maxBytes));
    }
    return transaction(Request.message("RETR " + message, maxBytes, listedSize), Response::body);
  }

  /** DELE: marks a message for deletion; the server removes it only if QUIT succeeds. */
  public Future<Void> dele(int message) {
    if (message < 1) {
      return Future.failedFuture(new IllegalArgumentException("DELE " + message));
    }
    return transaction(Request.command("DELE " + message), response -> null);
  }

  /** RSET: unmarks every message marked for deletion in this session. */
  public Future<Void> rset() {
    return transaction(Request.command("RSET"), response -> null);
  }

  public Future<Void> noop() {
    return transaction(Request.command("NOOP"), response -> null);
  }

  /**
   * QUIT, then close. Succeeds only on {@code +OK}: in TRANSACTION state the deletions are then
   * committed. {@code -ERR} fails with NOT_COMMITTED; any failure means nothing was deleted for sure.
   */
  public Future<Void> quit() {
    return onContext(() -> {
      if (state == State.UPDATE || state == State.CLOSED) {
        return misuse("QUIT");
      }
      state = State.UPDATE;
      return connection.send(Request.command("QUIT"))
          .eventually(this::closeWhenServerHasEnded)
          .map(response -> {
            if (!response.ok()) {
              throw new Pop3Exception(Kind.NOT_COMMITTED, "POP3 server " + server()
                  + " answered QUIT with -ERR, so deletions were NOT committed: " + ServerText.quote(response.text()));
            }
            return null;
          });
    });
  }

  /** Closes the connection without QUIT: the server keeps every message (RFC 1939 section 6). */
  public Future<Void> close() {
    return onContext(this::closeConnection);
  }

  private Future<Void> closeWhenServerHasEnded() {
    state = State.CLOSED;
    return connection.closeOnceServerHasClosed(Math.min(QUIT_CLOSE_GRACE_MILLIS, backend.commandTimeout().toMillis()));
  }

  private Future<Void> closeConnection() {
    state = State.CLOSED;
    return connection.close();
  }

  private Future<Void> acceptGreeting(Response greeting) {
    if (!greeting.ok()) {
      return Future.failedFuture(new Pop3Exception(ResponseCodes.kindOf(greeting.text(), Kind.UNAVAILABLE),
          "POP3 server " + server() + " refused the connection: " + ServerText.quote(greeting.text())));
    }
    apopTimestamp = LoginCommands.apopTimestamp(greeting.text());
    return Future.succeededFuture();
  }

  /** CAPA (RFC 2449 section 5); {@code -ERR} just means the server predates it. */
  private Future<Void> readCapabilities() {
    return connection.send(Request.listing("CAPA", limits.maxListingBytes())).map(response -> {
      capabilities = response.ok() ? Listings.capabilities(response.body()) : Capabilities.NONE;
      return null;
    });
  }

  /**
   * STLS (RFC 2595 section 4). Without STLS in CAPA nothing more is sent: the back end demands TLS, and
   * credentials must never cross a plain connection. After the handshake the capabilities are asked again.
   */
  private Future<Void> startTls() {
    if (!capabilities.has("STLS")) {
      return Future.failedFuture(new Pop3Exception(Kind.TLS, "POP3 server " + server()
          + " does not offer STLS, which its back-end configuration requires; nothing more was sent"));
    }
    return connection.send(Request.startTls()).compose(response -> {
      if (!response.ok()) {
        return Future.failedFuture(new Pop3Exception(Kind.TLS, "POP3 server " + server() + " refused STLS: "
            + ServerText.quote(response.text())));
      }
      capabilities = Capabilities.NONE;
      return readCapabilities();
    });
  }

  private PopAuthMode loginMode() {
    if (backend.auth() != PopAuthMode.AUTO) {
      return backend.auth();
    }
    return capabilities.saslMechanisms().contains("PLAIN") ? PopAuthMode.PLAIN : PopAuthMode.USER;
  }

  private Future<Void> userPass(Credentials credentials) {
    return connection.send(LoginCommands.user(credentials))
        .compose(user -> user.ok()
            ? connection.send(LoginCommands.pass(credentials))
            : Future.failedFuture(loginRefused(user, "rejected the user name", credentials)))
        .map(pass -> loggedIn(pass, "refused the password for", credentials));
  }

  private Future<Void> apop(Credentials credentials) {
    if (apopTimestamp == null) {
      return Future.failedFuture(new Pop3Exception(Kind.PROTOCOL, "POP3 server " + server()
          + " sent no timestamp in its greeting, so APOP (RFC 1939 section 7) cannot be used"));
    }
    return connection.send(LoginCommands.apop(credentials, apopTimestamp))
        .map(response -> loggedIn(response, "refused the APOP digest for", credentials));
  }

  private Future<Void> authPlain(Credentials credentials) {
    return connection.send(LoginCommands.authPlain(credentials))
        .map(response -> loggedIn(response, "refused AUTH PLAIN for", credentials));
  }

  private Void loggedIn(Response response, String refusal, Credentials credentials) {
    if (!response.ok()) {
      throw loginRefused(response, refusal, credentials);
    }
    return null;
  }

  /** A plain {@code -ERR} to a login command means wrong credentials (RFC 3206 section 4 makes it explicit). */
  private Pop3Exception loginRefused(Response response, String refusal, Credentials credentials) {
    byte[] password = credentials.passwordBytes();
    String serverSaid = ServerText.quoteWithout(response.text(), password);
    Arrays.fill(password, (byte) 0);
    return new Pop3Exception(ResponseCodes.kindOf(response.text(), Kind.AUTH), "POP3 server " + server() + " "
        + refusal + " " + ServerText.quote(credentials.user()) + ": " + serverSaid);
  }

  /** Mapping from an {@code +OK} response to a result; may reject the response. */
  private interface ResponseMapper<T> {
    T map(Response ok) throws ProtocolViolation;
  }

  private <T> Future<T> transaction(Request request, ResponseMapper<T> onOk) {
    return transaction(request, onOk, Kind.COMMAND_FAILED);
  }

  /**
   * Sends a command allowed only after login. {@code -ERR} fails with the kind of its response code,
   * or {@code errWithoutCode}.
   */
  private <T> Future<T> transaction(Request request, ResponseMapper<T> onOk, Kind errWithoutCode) {
    return onContext(() -> {
      if (state != State.TRANSACTION) {
        return misuse(request.name());
      }
      return connection.send(request).compose(response -> {
        if (!response.ok()) {
          return Future.failedFuture(new Pop3Exception(ResponseCodes.kindOf(response.text(), errWithoutCode),
              "POP3 server " + server() + " refused " + request.name() + ": " + ServerText.quote(response.text())));
        }
        try {
          return Future.succeededFuture(onOk.map(response));
        } catch (ProtocolViolation violation) {
          return Future.failedFuture(protocol(violation));
        }
      });
    });
  }

  private Pop3Exception protocol(ProtocolViolation violation) {
    return new Pop3Exception(Kind.PROTOCOL, "POP3 server " + server() + " " + violation.getMessage());
  }

  private <T> Future<T> misuse(String command) {
    return Future.failedFuture(new IllegalStateException(command + " is not allowed in state " + state()
        + " of the POP3 session with " + server()));
  }

  /**
   * Runs {@code action} on the connection's event loop, where all session state lives: at once when
   * called there, from whatever context (several contexts share one event loop: handlers of event-bus
   * messages each get one of their own, and commands asked from two of them must still go out in the
   * order asked); otherwise on the connection's context. Whatever it throws (a caller's null argument,
   * say) fails the future instead of reaching the event loop.
   */
  private <T> Future<T> onContext(Supplier<Future<T>> action) {
    if (Thread.currentThread() == eventLoop) {
      return safely(action);
    }
    Promise<T> promise = Promise.promise();
    context.runOnContext(ignored -> safely(action).onComplete(promise));
    return promise.future();
  }

  private static <T> Future<T> safely(Supplier<Future<T>> action) {
    try {
      return action.get();
    } catch (RuntimeException mistake) {
      return Future.failedFuture(mistake);
    }
  }
}
