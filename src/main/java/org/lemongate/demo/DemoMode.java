package org.lemongate.demo;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.lemongate.config.GatewayConfig;

/**
 * {@code --demo}: a built-in POP3 server on loopback with a sample mailbox (user "demo", password
 * "demo"), and the gateway pointed at it, so a newcomer can connect an IMAP client at once. A new
 * message arrives every minute, to show push (IDLE).
 */
public final class DemoMode implements AutoCloseable {
  public static final String USER = "demo";
  public static final String PASSWORD = "demo";
  private static final int SAMPLE_MESSAGES = 40;

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
  private final DemoPop3Server server = new DemoPop3Server(vertx);
  private final int port;

  public DemoMode() {
    SampleMail samples = new SampleMail(2026);
    server.addUser(USER, PASSWORD);
    for (int i = 0; i < SAMPLE_MESSAGES; i++) {
      server.deliver(USER, samples.next());
    }
    try {
      port = server.listen("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the demo POP3 server did not start: " + e.getMessage(), e);
    }
    vertx.setPeriodic(60_000, id -> server.deliver(USER, samples.next()));
  }

  /**
   * Configuration settings of the demo, as key paths (weaker than the user's own command-line
   * options): the demo POP server without TLS, a short poll, cleartext logins on loopback.
   */
  public Map<String, String> settings() {
    return Map.of(
        "pop.default.host", "127.0.0.1",
        "pop.default.port", Integer.toString(port),
        "pop.default.tls", "none",
        "pop.poll-seconds", "10",
        "imap.allow-cleartext", "true");
  }

  /** What the demo prints once the gateway runs. */
  public static String banner(GatewayConfig config) {
    return String.join(System.lineSeparator(),
        "",
        "Lemongate demo is running.",
        "  IMAP   " + config.imap().listen() + "  (plain or STARTTLS; passwords in clear are allowed for the demo)",
        "  IMAPS  " + config.imap().tlsListen() + "  (self-signed certificate)",
        "  Login  user \"" + USER + "\", password \"" + PASSWORD + "\"",
        "  The demo mailbox gets a new message every minute. Stop with Ctrl-C.",
        "  Try:   curl --user demo:demo 'imap://" + config.imap().listen() + "/INBOX;UID=1'",
        "         (the first login starts mirroring the mailbox; messages arrive within a few seconds)",
        "");
  }

  @Override
  public void close() {
    vertx.close();
  }
}
