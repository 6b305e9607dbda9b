package org.lemongate.testing;

import java.time.Duration;
import java.util.List;
import org.lemongate.config.BackendConfig;
import org.lemongate.config.PopAuthMode;
import org.lemongate.config.TlsMode;

/**
 * A private Dovecot 2.3 POP3 server for tests: its own temp folder, configuration, users and Maildirs,
 * listening on free ports of 127.0.0.1 only (POP3 with STLS, and POP3S), with {@link TestCertificate}.
 * Needs {@code dovecot-pop3d}; users, delivery and stopping are described in {@link PrivateDovecot}.
 *
 * <pre>{@code
 * try (DovecotPop3 dovecot = DovecotPop3.start()) {
 *   dovecot.addUser("alice", "secret");
 *   String uidl = dovecot.deliver("alice", "Subject: hi\n\nhello\n");
 *   BackendConfig backend = dovecot.backend(TlsMode.STARTTLS);   // trusts the test certificate
 *   ...
 * }
 * }</pre>
 */
public final class DovecotPop3 extends PrivateDovecot {
  private final boolean apop;
  private final int[] ports = FreePorts.distinct(2);
  private final int pop3Port = ports[0];
  private final int pop3sPort = ports[1];

  private DovecotPop3(boolean apop) {
    this.apop = apop;
  }

  /** Starts an instance offering USER/PASS and SASL PLAIN/LOGIN (no APOP: its greeting has no timestamp). */
  public static DovecotPop3 start() {
    return start(false);
  }

  /** Starts an instance that also offers APOP (its greeting carries a timestamp). */
  public static DovecotPop3 startWithApop() {
    return start(true);
  }

  private static DovecotPop3 start(boolean apop) {
    DovecotPop3 dovecot = new DovecotPop3(apop);
    dovecot.launch();
    return dovecot;
  }

  public int pop3Port() {
    return pop3Port;
  }

  public int pop3sPort() {
    return pop3sPort;
  }

  /**
   * A back end for this server: {@link TlsMode#IMPLICIT} on the POP3S port, others on the POP3 port;
   * certificates verified against {@link #certificatePem()}, AUTO login, 5 s / 10 s timeouts, 64 MiB.
   */
  public BackendConfig backend(TlsMode tls) {
    int port = tls == TlsMode.IMPLICIT ? pop3sPort : pop3Port;
    return new BackendConfig(HOST, port, tls, true, certificatePem(), PopAuthMode.AUTO,
        Duration.ofSeconds(5), Duration.ofSeconds(10), 64L * 1024 * 1024);
  }

  @Override
  protected String authMechanisms() {
    return apop ? "plain login apop" : "plain login";
  }

  @Override
  protected List<Integer> ports() {
    return List.of(pop3Port, pop3sPort);
  }

  @Override
  protected String protocolConfiguration() {
    return String.join("\n",
        "protocols = pop3",
        "# room for many concurrent sessions (benchmarks)",
        "default_process_limit = 1000",
        "default_client_limit = 4000",
        "service pop3-login {",
        "  inet_listener pop3 {",
        "    port = " + pop3Port,
        "  }",
        "  inet_listener pop3s {",
        "    port = " + pop3sPort,
        "    ssl = yes",
        "  }",
        "}");
  }
}
