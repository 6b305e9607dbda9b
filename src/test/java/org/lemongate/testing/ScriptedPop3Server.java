package org.lemongate.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.lemongate.config.BackendConfig;
import org.lemongate.config.PopAuthMode;
import org.lemongate.config.TlsMode;

/**
 * An in-process POP3 server on 127.0.0.1 (a free port), for unit and hostile tests. It serves in-memory
 * maildrops with real RFC 1939 semantics (numbering fixed per session, DELE marks, RSET, deletions
 * applied only by QUIT in TRANSACTION state, {@code [IN-USE]} for a second session of a user), records
 * every command it receives, and can be scripted to misbehave with {@link ScriptedReply}s.
 *
 * <pre>{@code
 * try (ScriptedPop3Server server = ScriptedPop3Server.builder()
 *     .user("alice", "secret")
 *     .message("alice", "uid-1", "Subject: one\r\n\r\nbody\r\n")
 *     .pipelining(false)
 *     .on("RETR", ScriptedReply.truncated(20))
 *     .start()) {
 *   BackendConfig backend = server.backend();
 *   ...
 *   assertThat(server.commands()).doesNotContain("DELE 1");
 * }
 * }</pre>
 *
 * One thread per connection, blocking I/O: simple to script, and nothing shared with the client's event
 * loop. {@link #close()} closes every connection and waits for the threads to end.
 */
public final class ScriptedPop3Server implements AutoCloseable {
  public static final String HOST = "127.0.0.1";

  /**
   * A command as received.
   *
   * @param connection               1 for the first connection accepted, and so on
   * @param line                     the line without CRLF, exactly as sent (ISO-8859-1), secrets included
   * @param overTls                  it arrived over TLS
   * @param sentBeforePreviousAnswer the client sent it before the answer to the previous command was
   *                                 written, i.e. it pipelined
   */
  public record Received(int connection, String line, boolean overTls, boolean sentBeforePreviousAnswer) {
  }

  /** One stored message; content with CRLF line ends. */
  record StoredMessage(String uid, byte[] content) {
  }

  /** One user's maildrop; guarded by the server's lock. */
  static final class Maildrop {
    String password;
    final List<StoredMessage> messages = new ArrayList<>();
    boolean locked;

    Maildrop(String password) {
      this.password = password;
    }
  }

  /** What the server offers; each flag adds or removes a CAPA line and the commands behind it. */
  record Features(boolean capa, boolean uidl, boolean pipelining, boolean respCodes, boolean stls,
      boolean saslPlain, boolean apop) {
  }

  private final Features features;
  private final Map<String, Maildrop> maildrops;
  private final Map<String, ScriptedReply> replies;
  private final ScriptedReply greeting;
  private final TestCertificate certificate;
  private final SSLContext tls;
  private final ServerSocket listener;
  private final Thread acceptor;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Set<Thread> sessions = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private ScriptedPop3Server(Builder builder) throws IOException {
    this.features = new Features(builder.capa, builder.uidl, builder.pipelining, builder.respCodes, builder.stls,
        builder.saslPlain, builder.apop);
    this.maildrops = new LinkedHashMap<>();
    builder.maildrops.forEach((user, maildrop) -> {
      Maildrop copy = new Maildrop(maildrop.password);
      copy.messages.addAll(maildrop.messages);
      maildrops.put(user, copy);
    });
    this.replies = Map.copyOf(builder.replies);
    this.greeting = builder.greeting;
    this.certificate = builder.stls ? builder.certificate : null;
    this.tls = certificate == null ? null : certificate.serverSslContext();
    this.listener = new ServerSocket(0, 50, InetAddress.getByName(HOST));
    this.acceptor = new Thread(this::acceptConnections, "scripted-pop3-accept-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static Builder builder() {
    return new Builder();
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** A plain back end for this server (its STLS certificate trusted). */
  public BackendConfig backend() {
    return backend(TlsMode.NONE);
  }

  /** A back end with the given TLS mode (only NONE and STARTTLS make sense here), AUTO login, 2 s timeouts. */
  public BackendConfig backend(TlsMode mode) {
    return new BackendConfig(HOST, port(), mode, true, certificate == null ? null : certificate.certificatePem(),
        PopAuthMode.AUTO, Duration.ofSeconds(2), Duration.ofSeconds(2), 64L * 1024 * 1024);
  }

  /** Every command received so far, over all connections, in order. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  /** The lines of {@link #received()}. */
  public List<String> commands() {
    return received.stream().map(Received::line).toList();
  }

  public int connectionsAccepted() {
    return connections.get();
  }

  /** The unique-ids in the user's maildrop now (deletions appear once a QUIT committed them). */
  public synchronized List<String> uids(String user) {
    return maildrop(user).messages.stream().map(StoredMessage::uid).toList();
  }

  /** Adds a message while the server runs; sessions already logged in do not see it (RFC 1939). */
  public synchronized void deliver(String user, String uid, String content) {
    maildrop(user).messages.add(new StoredMessage(uid, crlf(content)));
  }

  /** The user changes their password (as on a webmail page): later logins need the new one. */
  public synchronized void changePassword(String user, String password) {
    maildrop(user).password = password;
  }

  /**
   * Waits until every connection has ended on the server side, so what QUIT or a dropped connection
   * does to the maildrops (and its lock) is visible. Fails after 5 seconds.
   */
  public void awaitSessionsEnded() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (Thread session : sessions) {
      try {
        session.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (session.isAlive()) {
        throw new IllegalStateException("a session of the scripted POP3 server is still open after 5 s");
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket socket : sockets) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    join(acceptor);
    sessions.forEach(ScriptedPop3Server::join);
  }

  Features features() {
    return features;
  }

  SSLContext tlsContext() {
    return tls;
  }

  ScriptedReply greetingReply() {
    return greeting;
  }

  /** The scripted reply for a command: one for the exact line wins over one for its verb. */
  ScriptedReply replyFor(String line) {
    ScriptedReply exact = replies.get(line.toUpperCase(Locale.ROOT));
    if (exact != null) {
      return exact;
    }
    int space = line.indexOf(' ');
    return replies.get((space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT));
  }

  void record(Received command) {
    received.add(command);
  }

  /** The user's maildrop if the password is right, or null. */
  synchronized Maildrop authenticate(String user, byte[] password) {
    Maildrop maildrop = maildrops.get(user);
    boolean right = maildrop != null
        && MessageDigest.isEqual(maildrop.password.getBytes(StandardCharsets.UTF_8), password);
    return right ? maildrop : null;
  }

  synchronized String passwordOf(String user) {
    Maildrop maildrop = maildrops.get(user);
    return maildrop == null ? null : maildrop.password;
  }

  /** Locks the maildrop for a session and returns its messages as that session will number them, or null. */
  synchronized List<StoredMessage> lock(Maildrop maildrop) {
    if (maildrop.locked) {
      return null;
    }
    maildrop.locked = true;
    return List.copyOf(maildrop.messages);
  }

  /** Ends a session: removes {@code deleted} (only when QUIT commits) and unlocks. */
  synchronized void unlock(Maildrop maildrop, List<StoredMessage> deleted) {
    maildrop.messages.removeIf(message -> deleted.stream().anyMatch(gone -> gone == message));
    maildrop.locked = false;
  }

  private Maildrop maildrop(String user) {
    Maildrop maildrop = maildrops.get(user);
    if (maildrop == null) {
      throw new IllegalArgumentException("no user " + user);
    }
    return maildrop;
  }

  private void acceptConnections() {
    while (!closed) {
      try {
        Socket socket = listener.accept();
        sockets.add(socket);
        int number = connections.incrementAndGet();
        Thread session = new Thread(() -> {
          try {
            new ScriptedPop3Session(this, socket, number).run();
          } finally {
            sockets.remove(socket);
            sessions.remove(Thread.currentThread());
          }
        }, "scripted-pop3-session-" + number);
        session.setDaemon(true);
        sessions.add(session);
        session.start();
      } catch (IOException e) {
        if (!closed) {
          throw new IllegalStateException("scripted POP3 server stopped accepting", e);
        }
      }
    }
  }

  private static void join(Thread thread) {
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static byte[] crlf(String content) {
    String normalized = content.replace("\r\n", "\n").replace("\n", "\r\n");
    if (!normalized.endsWith("\r\n")) {
      normalized += "\r\n";
    }
    return normalized.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Collects users, messages, features and scripted replies; {@link #start()} opens the server. */
  public static final class Builder {
    private final Map<String, Maildrop> maildrops = new LinkedHashMap<>();
    private final Map<String, ScriptedReply> replies = new HashMap<>();
    private ScriptedReply greeting;
    private int nextUid = 1;
    private boolean capa = true;
    private boolean uidl = true;
    private boolean pipelining = true;
    private boolean respCodes = true;
    private boolean stls;
    private TestCertificate certificate;
    private boolean saslPlain = true;
    private boolean apop;

    private Builder() {
    }

    public Builder user(String name, String password) {
      maildrops.put(name, new Maildrop(password));
      return this;
    }

    /** Adds a message with unique-id {@code uid-N} (N counts from 1 over all users). */
    public Builder message(String user, String content) {
      return message(user, "uid-" + nextUid++, content);
    }

    /** Adds a message; LF or CRLF line ends (served as CRLF); the same uid twice is allowed, to lie. */
    public Builder message(String user, String uid, String content) {
      Maildrop maildrop = maildrops.get(user);
      if (maildrop == null) {
        throw new IllegalArgumentException("add user " + user + " first");
      }
      maildrop.messages.add(new StoredMessage(uid, crlf(content)));
      return this;
    }

    /** CAPA answered (default) or refused with -ERR, as by a pre-RFC 2449 server. */
    public Builder capa(boolean on) {
      capa = on;
      return this;
    }

    /** UIDL offered (default) or refused. */
    public Builder uidl(boolean on) {
      uidl = on;
      return this;
    }

    /** PIPELINING in CAPA (default on); the server answers in order either way. */
    public Builder pipelining(boolean on) {
      pipelining = on;
      return this;
    }

    /** RESP-CODES in CAPA and {@code [AUTH]}/{@code [IN-USE]} on failures (default on). */
    public Builder respCodes(boolean on) {
      respCodes = on;
      return this;
    }

    /** STLS offered, with the certificate of {@link TestCertificate#get()} (default off). */
    public Builder stls(boolean on) {
      stls = on;
      return this;
    }

    /** STLS offered, presenting {@code presented}. */
    public Builder stls(TestCertificate presented) {
      stls = true;
      certificate = presented;
      return this;
    }

    /** SASL PLAIN offered (default on). */
    public Builder saslPlain(boolean on) {
      saslPlain = on;
      return this;
    }

    /** APOP offered: the greeting carries a timestamp (default off). */
    public Builder apop(boolean on) {
      apop = on;
      return this;
    }

    /** Replaces the answer to a command: {@code "RETR"} matches every RETR, {@code "RETR 2"} only that line. */
    public Builder on(String command, ScriptedReply reply) {
      replies.put(command.toUpperCase(Locale.ROOT), reply);
      return this;
    }

    /** Replaces the greeting. */
    public Builder onGreeting(ScriptedReply reply) {
      greeting = reply;
      return this;
    }

    public ScriptedPop3Server start() {
      if (stls && certificate == null) {
        certificate = TestCertificate.get();
      }
      try {
        return new ScriptedPop3Server(this);
      } catch (IOException e) {
        throw new IllegalStateException("cannot open the scripted POP3 server", e);
      }
    }
  }
}
