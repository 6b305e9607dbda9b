package org.lemongate.testing;

import java.util.List;

/**
 * A private Dovecot 2.3 IMAP server for tests and benchmarks, with POP3 on the same Maildirs: IMAP (with
 * STARTTLS), IMAPS and POP3 on free ports of 127.0.0.1, with {@link TestCertificate}. It stands in for
 * the gateway's IMAP front end while that does not exist, and is the baseline the gateway is measured
 * against. Needs {@code dovecot-imapd} and {@code dovecot-pop3d}; users, delivery and stopping are
 * described in {@link PrivateDovecot}.
 *
 * <pre>{@code
 * try (DovecotImap dovecot = DovecotImap.start()) {
 *   dovecot.addUser("alice", "secret");
 *   dovecot.deliver("alice", "Subject: hi\n\nhello\n");
 *   try (ImapTestClient imap = ImapTestClient.connect(DovecotImap.HOST, dovecot.imapPort())) { ... }
 * }
 * }</pre>
 *
 * <p>A message delivered while a session is selected or idling is announced ({@code * n EXISTS}) at
 * once where Dovecot can watch the Maildir with inotify, otherwise within {@link Limits#newMailCheckSeconds}.
 * inotify instances are limited per user ({@code fs.inotify.max_user_instances}, often 128), and every
 * session runs as {@code nobody}, so beyond that many sessions only the periodic check remains.
 */
public final class DovecotImap extends PrivateDovecot {
  private final Limits limits;
  private final int[] ports = FreePorts.distinct(3);
  private final int imapPort = ports[0];
  private final int imapsPort = ports[1];
  private final int pop3Port;

  /**
   * How big the instance is.
   *
   * @param sessions how many IMAP sessions may be open at once (also per user and client address)
   * @param sessionsPerProcess how many IMAP sessions share one {@code imap} process; Dovecot's default is
   *     1, a process per session ({@code service imap { client_limit }})
   * @param newMailCheckSeconds how often a selected or idling session looks for new mail when inotify
   *     does not tell it ({@code mailbox_idle_check_interval}; Dovecot's default is 30)
   */
  public record Limits(int sessions, int sessionsPerProcess, int newMailCheckSeconds) {
    /** For tests: a few hundred sessions, Dovecot's process per session, new mail seen within a second. */
    public static final Limits FOR_TESTS = new Limits(500, 1, 1);

    public Limits {
      if (sessions < 1 || sessionsPerProcess < 1 || newMailCheckSeconds < 1) {
        throw new IllegalArgumentException("limits must be positive: " + sessions + ", " + sessionsPerProcess
            + ", " + newMailCheckSeconds);
      }
    }
  }

  private DovecotImap(Limits limits, int pop3Port) {
    this.limits = limits;
    this.pop3Port = pop3Port == 0 ? ports[2] : pop3Port;
  }

  /** Starts an instance sized for tests ({@link Limits#FOR_TESTS}). */
  public static DovecotImap start() {
    return start(Limits.FOR_TESTS, 0);
  }

  /**
   * Starts an instance of the given size.
   *
   * @param pop3Port the POP3 port, known in advance so that a gateway configured beforehand can use this
   *     instance as its back end; 0 for any free port
   */
  public static DovecotImap start(Limits limits, int pop3Port) {
    DovecotImap dovecot = new DovecotImap(limits, pop3Port);
    dovecot.launch();
    return dovecot;
  }

  /** IMAP in clear text, with STARTTLS. */
  public int imapPort() {
    return imapPort;
  }

  /** IMAP over implicit TLS. */
  public int imapsPort() {
    return imapsPort;
  }

  /** POP3 on the same Maildirs (with STLS), e.g. as the gateway's back end in a comparison. */
  public int pop3Port() {
    return pop3Port;
  }

  @Override
  protected List<Integer> ports() {
    return List.of(imapPort, imapsPort, pop3Port);
  }

  @Override
  protected String protocolConfiguration() {
    int imapProcesses = (limits.sessions() + limits.sessionsPerProcess() - 1) / limits.sessionsPerProcess();
    return String.join("\n",
        "protocols = imap pop3",
        "mailbox_idle_check_interval = " + limits.newMailCheckSeconds() + " secs",
        "# every session comes from 127.0.0.1, many of them as the same user (Dovecot's default: 10)",
        "mail_max_userip_connections = " + limits.sessions(),
        "# each imap process connects to stats, each login connection counts at auth and anvil:",
        "# client limits with headroom over the number of sessions",
        "default_client_limit = " + (limits.sessions() + 1000),
        "service imap {",
        "  process_limit = " + imapProcesses,
        "  client_limit = " + limits.sessionsPerProcess(),
        "  # how many sessions a process serves in its life: 1 by default, 0 (no end) to share processes",
        "  service_count = " + (limits.sessionsPerProcess() == 1 ? 1 : 0),
        "}",
        "# high-performance login mode: long-lived login processes instead of a new one per connection",
        "service imap-login {",
        "  service_count = 0",
        "  process_min_avail = 2",
        "  inet_listener imap {",
        "    port = " + imapPort,
        "  }",
        "  inet_listener imaps {",
        "    port = " + imapsPort,
        "    ssl = yes",
        "  }",
        "}",
        "service pop3-login {",
        "  inet_listener pop3 {",
        "    port = " + pop3Port,
        "  }",
        "  # port 0 switches the default POP3S listener (995) off",
        "  inet_listener pop3s {",
        "    port = 0",
        "  }",
        "}");
  }
}
