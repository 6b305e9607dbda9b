package org.lemongate.testing;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.lemongate.config.BackendConfig;
import org.lemongate.config.PopAuthMode;
import org.lemongate.config.TlsMode;

/**
 * A private Dovecot 2.3 POP3 server for tests: its own temp folder, configuration, users and Maildirs,
 * listening on free ports of 127.0.0.1 only (POP3 with STLS, and POP3S), with {@link TestCertificate}.
 * Must run as root (Dovecot then serves mail as {@code nobody:nogroup}), with {@code dovecot-pop3d}
 * installed; otherwise {@link #start()} fails saying what to do.
 *
 * <pre>{@code
 * try (DovecotPop3 dovecot = DovecotPop3.start()) {
 *   dovecot.addUser("alice", "secret");
 *   String uidl = dovecot.deliver("alice", "Subject: hi\n\nhello\n");
 *   BackendConfig backend = dovecot.backend(TlsMode.STARTTLS);   // trusts the test certificate
 *   ...
 * }
 * }</pre>
 *
 * <p>UIDLs are the Maildir base file names ({@code pop3_uidl_format = %f}), so {@link #deliver} returns
 * the UIDL the message will have, and {@link #messages} lists the maildrop by UIDL, straight from disk.
 * Messages are numbered in delivery order. Repeated wrong passwords are not slowed down (the auth
 * penalty is off), so failure tests stay fast.
 */
public final class DovecotPop3 implements AutoCloseable {
  public static final String HOST = "127.0.0.1";
  private static final List<Path> BINARY_CANDIDATES = List.of(Path.of("/usr/sbin/dovecot"), Path.of("/usr/local/sbin/dovecot"));
  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@+-]{1,64}");
  private static final Pattern MAILDIR_KEY = Pattern.compile("(\\d+)\\.M(\\d+)P.*");
  private static final AtomicLong DELIVERIES = new AtomicLong();

  private final Path root;
  private final int pop3Port;
  private final int pop3sPort;
  private final Thread stopAtExit = new Thread(this::stop);
  private ProcessHandle master;
  private boolean stopped;

  private DovecotPop3(Path root, int pop3Port, int pop3sPort) {
    this.root = root;
    this.pop3Port = pop3Port;
    this.pop3sPort = pop3sPort;
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
    Path binary = findBinary();
    if (new UnixSystem().getUid() != 0) {
      throw new IllegalStateException("DovecotPop3 must run as root: Dovecot then serves mail as nobody:nogroup");
    }
    try {
      Path root = TempDirectories.create("lemongate-dovecot-");
      int pop3Port = freePort();
      int pop3sPort = freePort();
      while (pop3sPort == pop3Port) {
        pop3sPort = freePort();
      }
      DovecotPop3 dovecot = new DovecotPop3(root, pop3Port, pop3sPort);
      dovecot.launch(binary, apop);
      return dovecot;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Dovecot", e);
    }
  }

  public int pop3Port() {
    return pop3Port;
  }

  public int pop3sPort() {
    return pop3sPort;
  }

  /** The certificate the server presents; trust it to connect with verification on. */
  public Path certificatePem() {
    return TestCertificate.get().certificatePem();
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

  /**
   * Adds a user with an empty Maildir. Each user has a passwd-file of their own, which Dovecot opens at
   * the user's first login: one shared file would be rechecked at most once a second, so a user added
   * just after another login would be refused for up to a second.
   */
  public synchronized void addUser(String user, String password) {
    requireUserName(user);
    if (password.isEmpty() || password.chars().anyMatch(c -> c == ':' || c < 0x20)) {
      throw new IllegalArgumentException("the test passwd-file cannot hold this password");
    }
    try {
      Path passwd = root.resolve("passwd").resolve(user);
      if (Files.exists(passwd)) {
        throw new IllegalArgumentException("user " + user + " exists already");
      }
      Files.writeString(passwd, user + ":{PLAIN}" + password + "::::::\n");
      for (String folder : List.of("", "cur", "new", "tmp")) {
        Path path = maildir(user).resolve(folder);
        Files.createDirectories(path);
        giveToMailUser(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Delivers a message the way an MTA would (written in {@code tmp/}, moved into {@code new/}). Dovecot
   * serves it with CRLF line ends and dot-stuffing at the user's next login.
   *
   * @param message RFC 5322 text with LF line ends, ending with LF
   * @return the message's UIDL (its Maildir base file name)
   */
  public String deliver(String user, String message) {
    requireUserName(user);
    if (message.indexOf('\r') >= 0 || !message.endsWith("\n")) {
      throw new IllegalArgumentException("a Maildir message has LF line ends and ends with LF");
    }
    String key = String.format("%d.M%06dP%d.lemongate", Instant.now().getEpochSecond(),
        DELIVERIES.incrementAndGet(), ProcessHandle.current().pid());
    try {
      Path temporary = maildir(user).resolve("tmp").resolve(key);
      Files.write(temporary, message.getBytes(StandardCharsets.UTF_8));
      giveToMailUser(temporary);
      Files.move(temporary, maildir(user).resolve("new").resolve(key), StandardCopyOption.ATOMIC_MOVE);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The UIDLs of the user's messages on disk, in POP3 order (deleted ones are gone from disk). */
  public List<String> messages(String user) {
    return maildirFiles(user).map(DovecotPop3::keyOf).sorted(byDeliveryOrder()).toList();
  }

  /** The stored bytes of a message (LF line ends), as written by {@link #deliver}. */
  public byte[] read(String user, String uidl) {
    try {
      return Files.readAllBytes(file(user, uidl).orElseThrow(() -> new IllegalArgumentException("no message " + uidl)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes a message behind Dovecot's back, as another mail client would; false if it was not there. */
  public boolean delete(String user, String uidl) {
    try {
      Optional<Path> file = file(user, uidl);
      return file.isPresent() && Files.deleteIfExists(file.get());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Dovecot's log, for failure messages. */
  public String log() {
    try {
      Path log = root.resolve("dovecot.log");
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /**
   * Stops Dovecot and deletes the folder: SIGTERM to the master from {@code run/master.pid}, SIGKILL to it and
   * its processes if it is still running 300 ms later, then waits until they have all exited.
   */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    if (master != null) {
      List<ProcessHandle> children = master.descendants().toList();
      master.destroy();
      if (!exited(master, 300)) {
        // a clean shutdown waits a second for its log process; this instance's data is thrown away anyway
        master.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
      }
      exited(master, 10_000);
      children.forEach(child -> exited(child, 10_000));
    }
    TempDirectories.delete(root);
    if (Thread.currentThread() != stopAtExit) {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void launch(Path binary, boolean apop) throws IOException {
    for (String folder : List.of("run", "state", "mail", "passwd")) {
      Files.createDirectories(root.resolve(folder));
    }
    Path config = root.resolve("dovecot.conf");
    Files.writeString(config, configuration(apop));
    Runtime.getRuntime().addShutdownHook(stopAtExit);
    // output to a file, not a pipe: the daemon inherits it and would keep a pipe open forever
    Path output = root.resolve("start.out");
    Process process = new ProcessBuilder(binary.toString(), "-c", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        String said = Files.readString(output);
        stop();
        throw new IllegalStateException("dovecot did not start: " + said + "\n" + log());
      }
      master = awaitMaster();
      awaitListening(pop3Port);
      awaitListening(pop3sPort);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
      throw new IllegalStateException("interrupted while starting Dovecot", e);
    }
  }

  /** Dovecot 2.3 syntax: every comment on a line of its own. */
  private String configuration(boolean apop) {
    Path dh = Path.of("/usr/share/dovecot/dh.pem");
    return String.join("\n",
        "# private Dovecot for Lemongate tests, written by DovecotPop3",
        "instance_name = lemongate-" + root.getFileName(),
        "base_dir = " + root.resolve("run"),
        "state_dir = " + root.resolve("state"),
        "log_path = " + root.resolve("dovecot.log"),
        "listen = " + HOST,
        "protocols = pop3",
        "ssl = yes",
        "ssl_cert = <" + TestCertificate.get().certificatePem(),
        "ssl_key = <" + TestCertificate.get().privateKeyPem(),
        Files.exists(dh) ? "ssl_dh = <" + dh : "",
        "ssl_min_protocol = TLSv1.2",
        "# APOP needs the PLAIN password scheme, which the passwd-files below have",
        "auth_mechanisms = plain login" + (apop ? " apop" : ""),
        "# USER/PASS and AUTH PLAIN without TLS too, on loopback",
        "disable_plaintext_auth = no",
        "auth_failure_delay = 0",
        "# Dovecot will not run mail processes as root",
        "mail_uid = nobody",
        "mail_gid = nogroup",
        "passdb {",
        "  driver = passwd-file",
        "  args = scheme=PLAIN username_format=%u " + root.resolve("passwd") + "/%u",
        "}",
        "userdb {",
        "  driver = static",
        "  args = home=" + root.resolve("mail") + "/%u",
        "}",
        "mail_location = maildir:~",
        "# the UIDL is the Maildir base file name, so tests can map UIDLs to files",
        "pop3_uidl_format = %f",
        "# room for many concurrent sessions (benchmarks)",
        "default_process_limit = 1000",
        "default_client_limit = 4000",
        "# moving the auth-penalty socket away switches off the growing delay after wrong passwords",
        "service anvil {",
        "  unix_listener anvil-auth-penalty {",
        "    path = anvil-auth-penalty-unused",
        "  }",
        "}",
        "service pop3-login {",
        "  inet_listener pop3 {",
        "    port = " + pop3Port,
        "  }",
        "  inet_listener pop3s {",
        "    port = " + pop3sPort,
        "    ssl = yes",
        "  }",
        "}",
        "");
  }

  /** The daemon writes its pid file a moment after the starting process has exited. */
  private ProcessHandle awaitMaster() throws IOException, InterruptedException {
    Path pidFile = root.resolve("run/master.pid");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      String pid = Files.exists(pidFile) ? Files.readString(pidFile).trim() : "";
      if (!pid.isEmpty()) {
        return ProcessHandle.of(Long.parseLong(pid))
            .orElseThrow(() -> new IllegalStateException("dovecot exited at once:\n" + log()));
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("dovecot wrote no " + pidFile + " within 10 s:\n" + log());
  }

  private void awaitListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress(HOST, port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(10);
      }
    }
    stop();
    throw new IllegalStateException("Dovecot is not listening on " + HOST + ":" + port + " after 10 s:\n" + log());
  }

  private static Path findBinary() {
    Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .filter(folder -> !folder.isEmpty())
        .map(folder -> Path.of(folder, "dovecot"));
    return Stream.concat(BINARY_CANDIDATES.stream(), onPath)
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("Dovecot is not installed (no dovecot in /usr/sbin or on PATH);"
            + " install it with: apt-get update && apt-get install -y dovecot-pop3d"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    }
  }

  private Path maildir(String user) {
    return root.resolve("mail").resolve(user);
  }

  private Stream<Path> maildirFiles(String user) {
    try {
      List<Path> files = new ArrayList<>();
      for (String folder : List.of("new", "cur")) {
        try (Stream<Path> listing = Files.list(maildir(user).resolve(folder))) {
          listing.forEach(files::add);
        }
      }
      return files.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Optional<Path> file(String user, String uidl) {
    return maildirFiles(user).filter(path -> keyOf(path).equals(uidl)).findFirst();
  }

  /** A Maildir file name is the key, then {@code :2,} and flags once Dovecot has seen it. */
  private static String keyOf(Path file) {
    String name = file.getFileName().toString();
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(0, colon);
  }

  /** Dovecot numbers new messages by the time in their names: seconds, then the M (microseconds) part. */
  private static Comparator<String> byDeliveryOrder() {
    return Comparator.comparingLong((String key) -> timePart(key, 1))
        .thenComparingLong(key -> timePart(key, 2))
        .thenComparing(Comparator.naturalOrder());
  }

  private static long timePart(String key, int group) {
    Matcher matcher = MAILDIR_KEY.matcher(key);
    return matcher.matches() ? Long.parseLong(matcher.group(group)) : Long.MAX_VALUE;
  }

  private static void requireUserName(String user) {
    if (!USER_NAME.matcher(user).matches()) {
      throw new IllegalArgumentException("test user names are letters, digits and ._@+- only: " + user);
    }
  }

  private static void giveToMailUser(Path path) throws IOException {
    UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
    UserPrincipal nobody = lookup.lookupPrincipalByName("nobody");
    GroupPrincipal nogroup = lookup.lookupPrincipalByGroupName("nogroup");
    PosixFileAttributeView attributes = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    attributes.setOwner(nobody);
    attributes.setGroup(nogroup);
  }

  /**
   * Polls, because {@link ProcessHandle#onExit()} notices the end of a process we did not fork only
   * slowly. A zombie counts as exited: it holds no port or file, and init may take a second to reap it.
   */
  private static boolean exited(ProcessHandle process, long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!isGoneOrZombie(process) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return isGoneOrZombie(process);
  }

  /** The state letter follows the ")" closing the command name in /proc/PID/stat; Z is a zombie. */
  private static boolean isGoneOrZombie(ProcessHandle process) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z") || !process.isAlive();
    } catch (IOException | RuntimeException gone) {
      return !process.isAlive();
    }
  }
}
