package org.lemongate.pop.client;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetSocket;
import java.util.ArrayDeque;
import org.lemongate.pop.client.Pop3Exception.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport under a {@link Pop3Client}: writes commands, matches responses to them in order, and
 * fails every waiting command when anything goes wrong. Runs on the socket's context only.
 *
 * <p>Commands wait in {@code unsent} until the window allows them out; written ones wait in
 * {@code awaiting} for their response. The window is 1 unless the session allows pipelining (RFC 2449
 * section 6.6). The server must not fall silent for longer than the response timeout while an answer
 * is due: counted from when the answer became the next one due, and again from each chunk of it
 * that arrives, so a large message on a slow link is not cut off while it keeps coming.
 */
final class Pop3Connection implements ResponseReader.Listener {
  private static final Logger log = LoggerFactory.getLogger(Pop3Connection.class);

  private enum Phase {
    OPEN,
    /** STLS was accepted: nothing is read or written until the handshake is over (RFC 2595 section 4). */
    UPGRADING_TLS,
    CLOSED
  }

  private record Exchange(Request request, Promise<Response> promise) {
  }

  private final Vertx vertx;
  private final NetSocket socket;
  private final String server;
  private final String tlsServerName;
  private final ClientSSLOptions tls;
  private final Pop3Limits limits;
  private final long responseTimeoutMillis;
  private final ResponseReader reader;
  private final ArrayDeque<Exchange> unsent = new ArrayDeque<>();
  private final ArrayDeque<Exchange> awaiting = new ArrayDeque<>();
  private final Future<Response> greeting;
  private Phase phase = Phase.OPEN;
  private Pop3Exception closedBecause;
  /** Completes once the socket is closed, by either side. */
  private final Promise<Void> socketClosed = Promise.promise();
  private int window = 1;
  private boolean waitingForDrain;
  private boolean continuationSent;
  private long responseTimer = -1;
  /** When the server last sent something, or the current answer became due. */
  private long lastHeardNanos;

  Pop3Connection(Vertx vertx, NetSocket socket, String host, int port, long responseTimeoutMillis,
      ClientSSLOptions tls, Pop3Limits limits) {
    this.vertx = vertx;
    this.socket = socket;
    this.server = host + ":" + port;
    this.tlsServerName = host;
    this.tls = tls;
    this.limits = limits;
    this.responseTimeoutMillis = responseTimeoutMillis;
    this.reader = new ResponseReader(limits, this);
    Promise<Response> greetingPromise = Promise.promise();
    awaiting.add(new Exchange(Request.greeting(), greetingPromise));
    this.greeting = greetingPromise.future();
    // The socket's own buffers, not the fresh heap copy of each read that NetSocket.handler gets:
    // a sync reads every message through here.
    ((NetSocketInternal) socket).messageHandler(this::onMessage);
    socket.closeHandler(ignored -> onClosedByServer());
    socket.exceptionHandler(this::onSocketError);
    socket.drainHandler(ignored -> {
      waitingForDrain = false;
      pump();
    });
    restartResponseTimer();
  }

  String server() {
    return server;
  }

  boolean isClosed() {
    return phase == Phase.CLOSED;
  }

  NetSocket socket() {
    return socket;
  }

  /** The greeting, answered like a command that was sent when the connection opened (RFC 1939 section 4). */
  Future<Response> greeting() {
    return greeting;
  }

  /** Queues a command; the future completes with its response, {@code -ERR} included. */
  Future<Response> send(Request request) {
    if (phase == Phase.CLOSED) {
      return Future.failedFuture(closedAfter(closedBecause));
    }
    if (unsent.size() >= limits.maxQueuedCommands()) {
      return Future.failedFuture(new IllegalStateException("already " + limits.maxQueuedCommands()
          + " commands queued for POP3 server " + server));
    }
    Promise<Response> promise = Promise.promise();
    unsent.add(new Exchange(request, promise));
    pump();
    return promise.future();
  }

  /** How many commands may be written before their responses arrive. */
  void allowInFlight(int commands) {
    window = commands;
    pump();
  }

  Future<Void> close() {
    fail(new Pop3Exception(Kind.UNAVAILABLE, "connection to POP3 server " + server + " was closed by the client"));
    return socketClosed.future();
  }

  /**
   * After the answer to QUIT: lets the server close the connection first (RFC 1939 section 6),
   * waiting at most {@code graceMillis}. A server may hold the maildrop's lock until then, so the
   * user's next session, if it started at the answer, could be refused with [IN-USE].
   */
  Future<Void> closeOnceServerHasClosed(long graceMillis) {
    if (phase != Phase.CLOSED) {
      long timer = vertx.setTimer(Math.max(1, graceMillis), id -> close());
      socketClosed.future().onComplete(closed -> vertx.cancelTimer(timer));
    }
    return socketClosed.future();
  }

  @Override
  public Request awaited() {
    Exchange next = awaiting.peek();
    return next == null ? null : next.request();
  }

  @Override
  public void onResponse(Response response) throws ProtocolViolation {
    Exchange head = awaiting.peek();
    if (response.status() == Response.Status.CONTINUATION) {
      sendContinuation(head.request());
      return;
    }
    logReceived(head.request(), response);
    continuationSent = false;
    if (head.request().startsTls() && response.ok()) {
      startTls(response);
      return;
    }
    awaiting.poll();
    restartResponseTimer();
    head.promise().complete(response);
    pump();
  }

  private void sendContinuation(Request request) throws ProtocolViolation {
    if (continuationSent) {
      throw ProtocolViolation.of("asked for a second continuation during " + request.name());
    }
    continuationSent = true;
    log.debug("{} C: (continuation of {})", server, request.name());
    socket.write(request.continuation());
    restartResponseTimer();
  }

  private void pump() {
    if (phase != Phase.OPEN || waitingForDrain) {
      return;
    }
    boolean wasIdle = awaiting.isEmpty();
    Buffer batch = null;
    while (!unsent.isEmpty() && awaiting.size() < window) {
      Exchange next = unsent.poll();
      awaiting.add(next);
      log.debug("{} C: {}", server, next.request().secret() ? next.request().name() + " ****" : next.request().name());
      batch = batch == null ? next.request().wire().copy() : batch.appendBuffer(next.request().wire());
    }
    if (batch == null) {
      return;
    }
    if (wasIdle) {
      restartResponseTimer();
    }
    socket.write(batch).onFailure(cause -> fail(Failures.ofTransport(server, "while sending a command", false, cause)));
    if (socket.writeQueueFull()) {
      waitingForDrain = true;
    }
  }

  private void onMessage(Object message) {
    try {
      if (message instanceof ByteBuf chunk && phase == Phase.OPEN) {
        onData(chunk);
      }
    } finally {
      ReferenceCountUtil.release(message);
    }
  }

  private void onData(ByteBuf chunk) {
    lastHeardNanos = System.nanoTime();
    try {
      reader.feed(chunk);
    } catch (ProtocolViolation violation) {
      Exchange head = awaiting.peek();
      boolean message = head != null && head.request().answer() == Request.Answer.MESSAGE;
      Kind kind = violation.isOverLimit() && message ? Kind.TOO_BIG : Kind.PROTOCOL;
      fail(new Pop3Exception(kind, "POP3 server " + server + " " + violation.getMessage()));
    } catch (RuntimeException bug) {
      fail(new Pop3Exception(Kind.PROTOCOL, "response of POP3 server " + server + " could not be read", bug));
    }
  }

  /**
   * RFC 2595 section 4 (and the STARTTLS injection attacks it guards against): whatever the server
   * sent after its {@code +OK}, in the same packet or later, is dropped; reading resumes on the
   * encrypted stream.
   */
  private void startTls(Response ok) {
    phase = Phase.UPGRADING_TLS;
    cancelResponseTimer();
    reader.discardBuffered();
    socket.upgradeToSsl(tls, tlsServerName).onComplete(handshake -> {
      if (phase == Phase.CLOSED) {
        return;
      }
      if (handshake.failed()) {
        fail(Failures.ofTransport(server, "in the TLS handshake after STLS", true, handshake.cause()));
        return;
      }
      phase = Phase.OPEN;
      awaiting.poll().promise().complete(ok);
      pump();
    });
  }

  private void onClosedByServer() {
    if (phase == Phase.UPGRADING_TLS) {
      fail(new Pop3Exception(Kind.TLS, "POP3 server " + server + " closed the connection during the TLS handshake"));
      return;
    }
    Exchange head = awaiting.peek();
    String when = head == null ? "" : " while " + head.request().name() + " was waiting for its answer";
    fail(new Pop3Exception(Kind.UNAVAILABLE, "POP3 server " + server + " closed the connection" + when));
  }

  private void onSocketError(Throwable cause) {
    fail(Failures.ofTransport(server, "while reading", socket.isSsl(), cause));
  }

  private void restartResponseTimer() {
    cancelResponseTimer();
    lastHeardNanos = System.nanoTime();
    Exchange head = awaiting.peek();
    if (head == null || phase != Phase.OPEN) {
      return;
    }
    armResponseTimer(head, responseTimeoutMillis);
  }

  /** Fires after {@code delayMillis}; if bytes arrived meanwhile, waits the rest of a timeout from them. */
  private void armResponseTimer(Exchange head, long delayMillis) {
    responseTimer = vertx.setTimer(Math.max(1, delayMillis), id -> {
      responseTimer = -1;
      long silentMillis = (System.nanoTime() - lastHeardNanos) / 1_000_000;
      if (silentMillis < responseTimeoutMillis) {
        armResponseTimer(head, responseTimeoutMillis - silentMillis);
        return;
      }
      String what = head.request().wire() == null ? "send its greeting" : "answer " + head.request().name();
      fail(new Pop3Exception(Kind.TIMEOUT, "POP3 server " + server + " did not " + what + ": silent for "
          + responseTimeoutMillis + " ms"));
    });
  }

  private void cancelResponseTimer() {
    if (responseTimer != -1) {
      vertx.cancelTimer(responseTimer);
      responseTimer = -1;
    }
  }

  /**
   * Closes the connection: the command being answered fails with {@code cause}, every other waiting
   * or queued command with UNAVAILABLE, since the session cannot continue after a broken response.
   */
  private void fail(Pop3Exception cause) {
    if (phase == Phase.CLOSED) {
      return;
    }
    phase = Phase.CLOSED;
    closedBecause = cause;
    cancelResponseTimer();
    reader.discardBuffered();
    log.debug("{} connection closed: {}", server, cause.getMessage());
    socket.close().otherwiseEmpty().onComplete(socketClosed);
    Exchange head = awaiting.poll();
    if (head != null) {
      head.promise().fail(cause);
    }
    Pop3Exception later = closedAfter(cause);
    failAll(awaiting, later);
    failAll(unsent, later);
  }

  private static void failAll(ArrayDeque<Exchange> exchanges, Pop3Exception cause) {
    for (Exchange exchange = exchanges.poll(); exchange != null; exchange = exchanges.poll()) {
      exchange.promise().fail(cause);
    }
  }

  private Pop3Exception closedAfter(Pop3Exception cause) {
    return new Pop3Exception(Kind.UNAVAILABLE, "connection to POP3 server " + server + " is closed: "
        + cause.getMessage(), cause);
  }

  private void logReceived(Request request, Response response) {
    if (log.isDebugEnabled()) {
      String text = request.secret() ? "(text withheld)" : ServerText.quote(response.text());
      String body = response.body() == null ? "" : " [" + response.body().length + " bytes]";
      log.debug("{} S: {} {}{}", server, response.status(), text, body);
    }
  }
}
