package org.lemongate.imap.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.netty.buffer.Unpooled;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.lemongate.auth.Credentials;
import org.lemongate.events.Addresses;
import org.lemongate.imap.command.CommandParser;
import org.lemongate.imap.command.ParsedCommand;
import org.lemongate.imap.fetch.FetchChunk;
import org.lemongate.imap.fetch.FetchPlan;
import org.lemongate.imap.fetch.FetchRenderer;
import org.lemongate.imap.fetch.UnknownTransferEncodingException;
import org.lemongate.mime.ByteSlice;
import org.lemongate.imap.mailbox.MailboxPolicy;
import org.lemongate.imap.protocol.CommandFrame;
import org.lemongate.imap.protocol.CommandFramer;
import org.lemongate.imap.protocol.FramerEvent;
import org.lemongate.imap.protocol.FramingError;
import org.lemongate.imap.protocol.ParseException;
import org.lemongate.imap.protocol.SequenceSet;
import org.lemongate.imap.response.ResponseCode;
import org.lemongate.imap.response.ResponseWriter;
import org.lemongate.imap.response.Status;
import org.lemongate.mime.ImapDialect;
import org.lemongate.pop.client.Pop3Exception;
import org.lemongate.pop.sync.PopLogin;
import org.lemongate.store.MailStore;
import org.lemongate.store.MessageRecord;
import org.lemongate.store.NoSuchMailboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IMAP connection: it frames and parses the client's bytes, runs one command at a time through
 * the {@link CommandTable}, keeps the selected {@link MailboxView} in step with the store, and
 * writes with backpressure. Everything runs on the connection's event loop; nothing here blocks.
 */
public final class ImapSession {
  private static final Logger log = LoggerFactory.getLogger(ImapSession.class);
  /** Input queued beyond this pauses the socket until the session catches up. */
  private static final long MAX_QUEUED_INPUT = 256 * 1024;

  /** Extensions a client can ENABLE (RFC 5161). */
  public enum Extension { CONDSTORE, QRESYNC, UTF8_ACCEPT, IMAP4REV2 }

  private final ServerContext context;
  private final NetSocket socket;
  private final boolean plainPort;
  private final String remoteAddress;
  private final CommandFramer framer;
  private final CommandParser parser;
  private final ResponseWriter writer = new ResponseWriter();
  private final Set<Extension> enabled = EnumSet.noneOf(Extension.class);

  private SessionState state = SessionState.NOT_AUTHENTICATED;
  private boolean tls;
  private String user;
  private MailboxView view;
  private MessageConsumer<JsonObject> mailboxEvents;
  private boolean viewStale;
  private boolean idling;
  private SequenceSet savedSearch = SequenceSet.of();
  private Consumer<Buffer> rawLineHandler;
  private Buffer streamedLiteral;
  private boolean busy;
  private boolean paused;
  private boolean closed;
  /** The connection counts against the server's session limit (it was not refused at once). */
  private boolean counted;
  private int badCommands;
  private long loginTimer = -1;
  private long idleTimer = -1;

  ImapSession(ServerContext context, NetSocket socket, boolean implicitTls) {
    this.context = context;
    this.socket = socket;
    this.plainPort = !implicitTls;
    this.tls = implicitTls;
    this.remoteAddress = socket.remoteAddress() == null ? "unknown" : socket.remoteAddress().hostAddress();
    this.framer = new CommandFramer(context.config().limits());
    this.framer.setStreamedLiterals(CommandParser::isMessageLiteral);
    this.parser = new CommandParser(context.config().limits().nestingDepth());
  }

  void start() {
    socket.closeHandler(v -> cleanUp());
    socket.exceptionHandler(e -> {
      log.debug("IMAP connection from {} failed: {}", remoteAddress, e.toString());
      socket.close();
    });
    counted = context.registry().openConnection();
    if (!counted) {
      closed = true;
      socket.write("* BYE [LIMIT] Too many sessions on this server, try again later\r\n")
          .onComplete(v -> socket.close());
      return;
    }
    if (tls) {
      logTlsEngine();
    }
    socket.handler(this::received);
    loginTimer = context.vertx().setTimer(context.config().loginTimeout().toMillis(),
        id -> bye("Login timeout: no login within " + context.config().loginTimeout().toSeconds() + " s"));
    resetIdleTimer();
    writer.untagged(Status.OK, ResponseCode.capability(capabilities()), "Lemongate IMAP ready");
    flush();
  }

  // ------------------------------------------------------------------ what handlers use

  public ResponseWriter writer() {
    return writer;
  }

  public MailStore store() {
    return context.store();
  }

  public ServerContext context() {
    return context;
  }

  public SessionState state() {
    return state;
  }

  /** The login name, exactly as the POP server accepted it (design invariant 5); null before login. */
  public String user() {
    return user;
  }

  public boolean tls() {
    return tls;
  }

  public boolean isClosed() {
    return closed;
  }

  /** True on the plain port, where STARTTLS is offered. */
  public boolean plainPort() {
    return plainPort;
  }

  public List<String> capabilities() {
    return Capabilities.of(this);
  }

  public MailboxView view() {
    return view;
  }

  public boolean isEnabled(Extension extension) {
    return enabled.contains(extension);
  }

  public void enable(Extension extension) {
    enabled.add(extension);
    if (extension == Extension.QRESYNC) {
      enabled.add(Extension.CONDSTORE);
    }
    writer.setUtf8(enabled.contains(Extension.UTF8_ACCEPT) || enabled.contains(Extension.IMAP4REV2));
  }

  /** The dialect FETCH answers in: IMAP4rev2 and UTF-8 sessions get UTF-8 header strings. */
  public ImapDialect dialect() {
    if (enabled.contains(Extension.IMAP4REV2)) {
      return ImapDialect.IMAP4REV2;
    }
    return enabled.contains(Extension.UTF8_ACCEPT) ? ImapDialect.IMAP4REV1_UTF8 : ImapDialect.IMAP4REV1;
  }

  /** Mailbox names on the wire are UTF-8 (not modified UTF-7) once UTF8=ACCEPT or IMAP4rev2 is on. */
  public boolean utf8Names() {
    return enabled.contains(Extension.UTF8_ACCEPT) || enabled.contains(Extension.IMAP4REV2);
  }

  public SequenceSet savedSearch() {
    return savedSearch;
  }

  public void saveSearch(SequenceSet result) {
    savedSearch = result;
  }

  /** Passwords may be sent: the connection is encrypted, or the operator allows cleartext. */
  public boolean mayLogIn() {
    return tls || context.config().allowCleartext();
  }

  /** Writes what the writer holds; the future completes when the socket can take more. */
  public Future<Void> flush() {
    Buffer pending = writer.flush();
    if (pending.length() > 0 && !closed) {
      socket.write(pending);
    }
    if (closed || !socket.writeQueueFull()) {
      return Future.succeededFuture();
    }
    Promise<Void> drained = Promise.promise();
    socket.drainHandler(v -> drained.tryComplete());
    return drained.future();
  }

  /**
   * Sends FETCH output that the renderer handed back, in order, ahead of what the writer still
   * holds; message bytes go out without being copied.
   */
  public Future<Void> send(List<FetchChunk> chunks) {
    if (!closed) {
      for (FetchChunk chunk : chunks) {
        socket.write(chunk instanceof FetchChunk.Text text ? text.bytes() : wrap(((FetchChunk.LiteralData) chunk).bytes()));
      }
    }
    return flush();
  }

  private static Buffer wrap(ByteSlice slice) {
    return BufferInternal.buffer(Unpooled.wrappedBuffer(slice.array(), slice.offset(), slice.length()));
  }

  /** Routes the next client line (an AUTHENTICATE response, IDLE's DONE) to {@code handler}. */
  public void expectRawLine(Consumer<Buffer> handler) {
    rawLineHandler = handler;
    framer.expectRawLine();
  }

  /** The APPEND message literal the framer streamed in, taken once. */
  public Buffer takeStreamedLiteral() {
    Buffer literal = streamedLiteral;
    streamedLiteral = null;
    return literal;
  }

  /** Ends the session with an untagged BYE. */
  public void bye(String text) {
    if (closed) {
      return;
    }
    writer.untagged(Status.BYE, null, text);
    flush();
    closed = true;
    socket.close();
  }

  // ------------------------------------------------------------------ logging in

  /**
   * Passes credentials through to the user's POP server (design: "Authentication"); on success the
   * session is authenticated and the user's special-use mailboxes exist.
   */
  public Future<Completion> logIn(Credentials credentials) {
    String name = credentials.user();
    if (!context.registry().addUserSession(name)) {
      credentials.wipe();
      return Future.succeededFuture(Completion.no(ResponseCode.LIMIT,
          "Too many sessions of this user; log out elsewhere first"));
    }
    return context.vertx().eventBus().<JsonObject>request(Addresses.POP_LOGIN, new PopLogin(credentials))
        .compose(reply -> {
          user = name;
          state = SessionState.AUTHENTICATED;
          framer.setAuthenticated(true);
          context.vertx().cancelTimer(loginTimer);
          context.registry().loginSucceeded(remoteAddress);
          return store().mailboxes(name)
              .compose(mailboxes -> store().ensureMailboxes(name,
                  new MailboxPolicy(mailboxes).defaultMailboxesToEnsure()))
              .map(mailboxes -> Completion.ok(ResponseCode.capability(capabilities()), "Logged in"));
        }, failure -> {
          context.registry().removeUserSession(name);
          return loginFailed(failure);
        });
  }

  private Future<Completion> loginFailed(Throwable failure) {
    Pop3Exception.Kind kind = failure instanceof ReplyException reply && reply.failureCode() >= 0
        && reply.failureCode() < Pop3Exception.Kind.values().length
        ? Pop3Exception.Kind.values()[reply.failureCode()]
        : Pop3Exception.Kind.UNAVAILABLE;
    if (kind == Pop3Exception.Kind.AUTH) {
      long delay = context.registry().failedLoginDelay(remoteAddress);
      Promise<Completion> answer = Promise.promise();
      context.vertx().setTimer(delay, id -> answer.complete(
          Completion.no(ResponseCode.AUTHENTICATIONFAILED, "Authentication failed")));
      return answer.future();
    }
    log.warn("login of a user from {} failed: the POP server is unavailable: {}", remoteAddress,
        failure.getMessage());
    String why = switch (kind) {
      case IN_USE -> "the mailbox is in use by another POP session";
      case LOGIN_DELAY -> "the POP server asks to wait before logging in again";
      case TLS -> "the connection to the POP server could not be secured";
      default -> "the POP server cannot be reached";
    };
    return Future.succeededFuture(Completion.no(ResponseCode.UNAVAILABLE, "Try again later: " + why));
  }

  /** STARTTLS: drops anything the client sent after the command, then upgrades (RFC 9051 §6.2.1). */
  public Future<Completion> startTls(String tag) {
    framer.takeBufferedInput();
    Promise<Completion> done = Promise.promise();
    context.startTls().upgrade(context.vertx(), socket, Buffer.buffer(tag + " OK Begin TLS negotiation now\r\n"))
        .onComplete(upgraded -> {
      if (upgraded.succeeded()) {
        tls = true;
        logTlsEngine();
        done.complete(Completion.ALREADY_SENT);
      } else {
        log.debug("STARTTLS handshake with {} failed: {}", remoteAddress, upgraded.cause().toString());
        closed = true;
        socket.close();
        done.complete(Completion.ALREADY_SENT);
      }
    });
    return done.future();
  }

  /** Which TLS engine serves the connection: OpenSSL (netty-tcnative) unless it failed to load. */
  private void logTlsEngine() {
    log.debug("TLS with {} by {}", remoteAddress,
        socket.sslSession() == null ? "no engine" : socket.sslSession().getClass().getName());
  }

  public void logOut(String tag) {
    writer.untagged(Status.BYE, null, "Lemongate logging out");
    writer.tagged(tag, Status.OK, null, "LOGOUT completed");
    state = SessionState.LOGOUT;
    flush();
    closed = true;
    socket.close();
  }

  // ------------------------------------------------------------------ the selected mailbox

  /** Makes {@code newView} the selected mailbox and follows its changes. */
  public void select(MailboxView newView) {
    deselect();
    view = newView;
    state = SessionState.SELECTED;
    viewStale = false;
    mailboxEvents = context.vertx().eventBus().consumer(Addresses.mailbox(user, newView.mailboxId()), event -> {
      viewStale = true;
      if (idling) {
        refreshView(true).onComplete(v -> flush());
      }
    });
  }

  public void deselect() {
    if (mailboxEvents != null) {
      mailboxEvents.unregister();
      mailboxEvents = null;
    }
    view = null;
    // RFC 5182 §2.1: SELECT, EXAMINE, CLOSE and UNSELECT empty the saved search result
    savedSearch = SequenceSet.of();
    if (state == SessionState.SELECTED) {
      state = SessionState.AUTHENTICATED;
    }
  }

  /** Called by IDLE: pushes changes as they happen until {@link #stopIdling()}. */
  public Future<Void> startIdling() {
    idling = true;
    return view == null ? Future.succeededFuture() : refreshView(true).compose(v -> flush());
  }

  public void stopIdling() {
    idling = false;
  }

  /**
   * Tells the client what changed in the selected mailbox since it last heard: EXPUNGE (or
   * VANISHED with QRESYNC), EXISTS, FETCH of new flags — expunges only when {@code mayExpunge}.
   */
  public Future<Void> refreshView(boolean mayExpunge) {
    MailboxView current = view;
    if (current == null) {
      return Future.succeededFuture();
    }
    viewStale = false;
    return store().changesSince(user, current.mailboxId(), current.modSeq()).map(changes -> {
      if (view == current) {
        announce(current, current.apply(changes, mayExpunge));
      }
      return (Void) null;
    }).recover(failure -> {
      if (failure instanceof NoSuchMailboxException) {
        bye("The selected mailbox was deleted by another session");
        return Future.succeededFuture();
      }
      return Future.failedFuture(failure);
    });
  }

  private void announce(MailboxView current, MailboxView.Update update) {
    writeExpunges(update.expungedNumbers(), update.expungedUids());
    if (update.newKeywords()) {
      writeFlags(current);
    }
    if (update.arrived() > 0) {
      writer.exists(update.exists());
    }
    for (MessageRecord message : update.changed()) {
      writeFlagsFetch(current.messageNumberOf(message.uid()), message);
    }
  }

  /** The FLAGS and PERMANENTFLAGS responses of the selected mailbox (keywords included). */
  public void writeFlags(MailboxView current) {
    writer.flags(WireFlags.forFlagsResponse(current.keywords()));
    writer.untagged(Status.OK, current.readOnly() ? ResponseCode.permanentFlags(List.of())
        : ResponseCode.permanentFlags(WireFlags.permanent(current.keywords())), "Flags permitted");
  }

  /** {@code * n FETCH (FLAGS (...) UID u MODSEQ (m))} for a flag change, as the extensions ask. */
  public void writeFlagsFetch(int messageNumber, MessageRecord message) {
    writeFlagsFetch(messageNumber, message, FetchPlan.forFlagChange(isEnabled(Extension.CONDSTORE)));
  }

  /** A FETCH response about a message's flags only, with the items of {@code plan}. */
  public void writeFlagsFetch(int messageNumber, MessageRecord message, FetchPlan plan) {
    try {
      new FetchRenderer(plan, dialect()).render(writer, messageNumber, message, null, null);
    } catch (UnknownTransferEncodingException e) {
      throw new IllegalStateException("a flags-only FETCH decodes no message part", e);
    }
  }

  /** Announces expunged messages: VANISHED when QRESYNC is on (RFC 7162 §3.2.10), else EXPUNGE each. */
  public void writeExpunges(List<Long> messageNumbers, List<Long> uids) {
    if (uids.isEmpty()) {
      return;
    }
    if (isEnabled(Extension.QRESYNC)) {
      SequenceSet.Builder set = SequenceSet.builder();
      uids.forEach(set::add);
      writer.vanished(false, set.build());
    } else {
      messageNumbers.forEach(writer::expunge);
    }
  }

  // ------------------------------------------------------------------ input and dispatch

  private void received(Buffer bytes) {
    resetIdleTimer();
    framer.feed(bytes);
    pump();
  }

  private void pump() {
    while (!closed && (!busy || rawLineHandler != null)) {
      FramerEvent event = framer.next();
      if (event == null) {
        break;
      }
      onEvent(event);
    }
    boolean backlog = framer.bufferedBytes() > MAX_QUEUED_INPUT;
    if (backlog && !paused) {
      socket.pause();
      paused = true;
    } else if (!backlog && paused) {
      socket.resume();
      paused = false;
    }
  }

  private void onEvent(FramerEvent event) {
    if (event instanceof FramerEvent.RawLine line) {
      Consumer<Buffer> handler = rawLineHandler;
      rawLineHandler = null;
      if (handler != null) {
        handler.accept(line.line());
      }
    } else if (event instanceof CommandFrame frame) {
      execute(frame);
    } else if (event instanceof FramerEvent.Continuation) {
      writer.continuation("Ready for literal data");
      flush();
    } else if (event instanceof FramerEvent.LiteralStart start) {
      streamedLiteral = Buffer.buffer((int) Math.min(start.size(), 1 << 20));
    } else if (event instanceof FramerEvent.LiteralChunk chunk) {
      streamedLiteral.appendBuffer(chunk.data());
    } else if (event instanceof FramingError error) {
      writer.framingError(error);
      flush();
      if (error.fatal()) {
        bye("Protocol error, closing");
      } else {
        countBadCommand();
      }
    }
  }

  private void execute(CommandFrame frame) {
    ParsedCommand parsed;
    try {
      parsed = parser.parse(frame, utf8Names());
    } catch (ParseException e) {
      streamedLiteral = null;
      writer.parseError(e);
      flush();
      if (!e.isRefusal()) {
        countBadCommand();
      }
      return;
    }
    CommandTable.Entry entry = context.commands().entry(parsed.name());
    if (entry == null || !entry.states().contains(state)) {
      String why = entry == null ? parsed.name() + " is not supported"
          : state == SessionState.NOT_AUTHENTICATED ? "Log in first"
          : state == SessionState.AUTHENTICATED && entry.states().equals(CommandTable.SELECTED)
              ? "Select a mailbox first" : parsed.name() + " is not allowed now";
      writer.tagged(parsed.tag(), Status.BAD, null, why);
      flush();
      countBadCommand();
      return;
    }
    busy = true;
    Future<Completion> outcome;
    try {
      outcome = entry.handler().handle(this, parsed.tag(), parsed.command());
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    outcome.recover(failure -> Future.succeededFuture(failureCompletion(parsed, failure)))
        .compose(completion -> finish(parsed, completion))
        .onComplete(done -> {
          streamedLiteral = null;
          busy = false;
          pump();
        });
  }

  private Future<Void> finish(ParsedCommand parsed, Completion completion) {
    if (completion.alreadySent() || closed) {
      return flush();
    }
    boolean mayExpunge = CommandTable.mayAnnounceExpunges(parsed.name());
    // Expunges an earlier FETCH, STORE or SEARCH had to hold back are owed at the next command
    // that may announce them (RFC 9051 §7.5.1), even if nothing changed since.
    Future<Void> updates = view != null && (viewStale || (mayExpunge && view.hasUnannouncedExpunges()))
        ? refreshView(mayExpunge)
        : Future.succeededFuture();
    return updates.otherwiseEmpty().compose(v -> {
      writer.tagged(parsed.tag(), completion.status(), completion.code(),
          completion.status() == Status.OK && completion.text() == null ? parsed.name() + " completed"
              : completion.text());
      return flush();
    });
  }

  private Completion failureCompletion(ParsedCommand parsed, Throwable failure) {
    if (failure instanceof NoSuchMailboxException) {
      return Completion.no(ResponseCode.NONEXISTENT, "No such mailbox");
    }
    log.error("{} failed for {}: {}", parsed.name(), user, failure.toString(), failure);
    return Completion.no(ResponseCode.SERVERBUG, parsed.name() + " failed on the server; try again");
  }

  private void countBadCommand() {
    int allowed = state == SessionState.NOT_AUTHENTICATED
        ? context.config().badCommandsBeforeLogin() : context.config().badCommandsAfterLogin();
    if (++badCommands >= allowed) {
      bye("Too many invalid commands");
    }
  }

  private void resetIdleTimer() {
    if (idleTimer >= 0) {
      context.vertx().cancelTimer(idleTimer);
    }
    idleTimer = context.vertx().setTimer(context.config().idleTimeout().toMillis(),
        id -> bye("Autologout: idle for " + context.config().idleTimeout().toMinutes() + " minutes"));
  }

  private void cleanUp() {
    closed = true;
    context.vertx().cancelTimer(loginTimer);
    context.vertx().cancelTimer(idleTimer);
    deselect();
    if (rawLineHandler != null) {
      rawLineHandler = null;
    }
    if (counted) {
      context.registry().closeConnection();
    }
    if (user != null) {
      context.registry().removeUserSession(user);
      context.vertx().eventBus().send(Addresses.SESSION_CLOSED, user);
    }
  }
}
