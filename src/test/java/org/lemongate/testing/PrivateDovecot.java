package org.lemongate.testing;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
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

/**
 * What the private Dovecot 2.3 test servers ({@link DovecotPop3}, {@link DovecotImap}) share: a temp
 * folder of their own, the configuration common to every protocol, users, Maildir delivery, start and
 * stop. A subclass picks its ports and adds its protocols and listeners ({@link #protocolConfiguration()}).
 *
 * <p>Must run as root (Dovecot then serves mail as {@code nobody:nogroup}) with Dovecot installed;
 * otherwise the constructor fails saying what to do. Everything listens on 127.0.0.1 only.
 *
 * <p>Each user has a passwd-file of its own ({@code users/<name>}): Dovecot rereads a passwd-file at most
 * once a second, so a user added to a shared file right after another login would stay unknown for up to
 * a second, while a new file is read at once.
 *
 * <p>Messages are Maildir files whose base name is the POP3 UIDL ({@code pop3_uidl_format = %f}), so
 * {@link #deliver} returns the UIDL the message will have and {@link #messages} lists the maildrop by
 * UIDL, straight from disk. Messages are numbered in delivery order. Repeated wrong passwords are not
 * slowed down (the auth penalty is off), so failure tests stay fast.
 */
public abstract class PrivateDovecot implements AutoCloseable {
  public static final String HOST = "127.0.0.1";
  private static final List<Path> BINARY_CANDIDATES = List.of(Path.of("/usr/sbin/dovecot"), Path.of("/usr/local/sbin/dovecot"));
  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9_@+-][A-Za-z0-9._@+-]{0,63}");
  private static final Pattern MAILDIR_KEY = Pattern.compile("(\\d+)\\.M(\\d+)P.*");
  private static final AtomicLong DELIVERIES = new AtomicLong();

  private final Path binary;
  private final Path root;
  private final Thread stopAtExit = new Thread(this::stop);
  private ProcessHandle master;
  private boolean stopped;

  /** Checks the prerequisites and creates the instance's temp folder; the subclass then {@link #launch}es. */
  protected PrivateDovecot() {
    binary = findBinary();
    if (new UnixSystem().getUid() != 0) {
      throw new IllegalStateException(getClass().getSimpleName()
          + " must run as root: Dovecot then serves mail as nobody:nogroup");
    }
    try {
      root = TempDirectories.create("lemongate-dovecot-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create Dovecot's temp folder", e);
    }
  }

  /**
   * The settings of this kind of instance, appended to the common ones: {@code protocols}, process
   * limits and the {@code service *-login} blocks with their listeners. Dovecot 2.3 syntax, every
   * comment on a line of its own.
   */
  protected abstract String protocolConfiguration();

  /** The ports the instance listens on; {@link #launch} waits until each accepts connections. */
  protected abstract List<Integer> ports();

  /** The {@code auth_mechanisms} setting. */
  protected String authMechanisms() {
    return "plain login";
  }

  /** A free port of 127.0.0.1, for a subclass's listeners. */

  /** The certificate the server presents; trust it to connect with verification on. */
  public Path certificatePem() {
    return TestCertificate.get().certificatePem();
  }

  /** The master process; Dovecot's other processes (login, auth, one per mail session…) descend from it. */
  public ProcessHandle masterProcess() {
    return master;
  }

  /**
   * Adds a user (or changes the password) with an empty Maildir. Dovecot reads a new user's file at
   * once; a changed password is seen from the next second on.
   */
  public synchronized void addUser(String user, String password) {
    requireUserName(user);
    if (password.isEmpty() || password.chars().anyMatch(c -> c == ':' || c < 0x20)) {
      throw new IllegalArgumentException("the test passwd-file cannot hold this password");
    }
    try {
      Path file = root.resolve("users").resolve(user);
      Path written = root.resolve("users").resolve(user + ".new");
      Files.writeString(written, user + ":{PLAIN}" + password + "::::::\n");
      if (Files.exists(file)) {
        // Dovecot notices a change by size or mtime in seconds: make sure the mtime differs
        Instant before = Files.getLastModifiedTime(file).toInstant();
        Files.setLastModifiedTime(written, FileTime.from(before.plusSeconds(1)));
      }
      Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
   * serves it with CRLF line ends (and, over POP3, dot-stuffing); IMAP sessions see it at their next
   * mailbox check, POP3 sessions at the next login.
   *
   * @param message RFC 5322 text with LF line ends, ending with LF
   * @return the message's UIDL (its Maildir base file name)
   */
  public String deliver(String user, String message) {
    if (message.indexOf('\r') >= 0 || !message.endsWith("\n")) {
      throw new IllegalArgumentException("a Maildir message has LF line ends and ends with LF");
    }
    return deliver(user, message.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Delivers a message file exactly as given, for byte-exact fixtures (bare CR, NUL, no final line end).
   * Maildir files normally have LF line ends, which Dovecot serves as CRLF.
   *
   * @return the message's UIDL (its Maildir base file name)
   */
  public String deliver(String user, byte[] maildirFile) {
    requireUserName(user);
    String key = String.format("%d.M%06dP%d.lemongate", Instant.now().getEpochSecond(),
        DELIVERIES.incrementAndGet(), ProcessHandle.current().pid());
    try {
      Path temporary = maildir(user).resolve("tmp").resolve(key);
      Files.write(temporary, maildirFile);
      giveToMailUser(temporary);
      Files.move(temporary, maildir(user).resolve("new").resolve(key), StandardCopyOption.ATOMIC_MOVE);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The UIDLs of the user's messages on disk, in POP3 order (deleted ones are gone from disk). */
  public List<String> messages(String user) {
    return maildirFiles(user).map(PrivateDovecot::keyOf).sorted(byDeliveryOrder()).toList();
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

  /** Stops Dovecot (SIGTERM to the master, waiting for its processes to exit) and deletes the folder. */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    if (master != null) {
      List<ProcessHandle> children = master.descendants().toList();
      master.destroy();
      awaitExit(master, 10);
      children.forEach(child -> awaitExit(child, 5));
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

  /** Writes the configuration, starts the daemon and waits until it listens on every port. */
  protected final void launch() {
    try {
      for (String folder : List.of("run", "state", "mail", "users")) {
        Files.createDirectories(root.resolve(folder));
      }
      Path config = root.resolve("dovecot.conf");
      Files.writeString(config, configuration());
      Runtime.getRuntime().addShutdownHook(stopAtExit);
      // output to a file, not a pipe: the daemon inherits it and would keep a pipe open forever
      Path output = root.resolve("start.out");
      Process process = new ProcessBuilder(binary.toString(), "-c", config.toString())
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .start();
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        String said = Files.readString(output);
        stop();
        throw new IllegalStateException("dovecot did not start: " + said + "\n" + log());
      }
      master = awaitMaster();
      for (int port : ports()) {
        awaitListening(port);
      }
    } catch (IOException e) {
      stop();
      throw new UncheckedIOException("cannot start Dovecot", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
      throw new IllegalStateException("interrupted while starting Dovecot", e);
    }
  }

  /** Dovecot 2.3 syntax: every comment on a line of its own. */
  private String configuration() {
    Path dh = Path.of("/usr/share/dovecot/dh.pem");
    return String.join("\n",
        "# private Dovecot for Lemongate tests, written by " + getClass().getSimpleName(),
        "instance_name = lemongate-" + root.getFileName(),
        "base_dir = " + root.resolve("run"),
        "state_dir = " + root.resolve("state"),
        "log_path = " + root.resolve("dovecot.log"),
        "listen = " + HOST,
        "ssl = yes",
        "ssl_cert = <" + TestCertificate.get().certificatePem(),
        "ssl_key = <" + TestCertificate.get().privateKeyPem(),
        Files.exists(dh) ? "ssl_dh = <" + dh : "",
        "ssl_min_protocol = TLSv1.2",
        "# APOP needs the PLAIN password scheme, which the passwd-files below have",
        "auth_mechanisms = " + authMechanisms(),
        "# plaintext logins without TLS too, on loopback",
        "disable_plaintext_auth = no",
        "auth_failure_delay = 0",
        "# user names as typed (Dovecot lowercases them by default), so tests can have Carol and carol",
        "auth_username_format = %u",
        "# Dovecot will not run mail processes as root",
        "mail_uid = nobody",
        "mail_gid = nogroup",
        "# one passwd-file per user (see the class comment)",
        "passdb {",
        "  driver = passwd-file",
        "  args = scheme=PLAIN username_format=%u " + root.resolve("users") + "/%u",
        "}",
        "userdb {",
        "  driver = static",
        "  args = home=" + root.resolve("mail") + "/%u",
        "}",
        "mail_location = maildir:~",
        "# the UIDL is the Maildir base file name, so tests can map UIDLs to files",
        "pop3_uidl_format = %f",
        "# moving the auth-penalty socket away switches off the growing delay after wrong passwords",
        "service anvil {",
        "  unix_listener anvil-auth-penalty {",
        "    path = anvil-auth-penalty-unused",
        "  }",
        "}",
        protocolConfiguration(),
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
            + " install it with: apt-get update && apt-get install -y dovecot-pop3d dovecot-imapd"));
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

  /** The name is also a file name (its passwd-file, its Maildir): no leading dot, no slash. */
  private static void requireUserName(String user) {
    if (!USER_NAME.matcher(user).matches()) {
      throw new IllegalArgumentException("test user names are letters, digits and ._@+- only, not starting with a dot: " + user);
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
   * Waits for a process to exit, else kills it. Dovecot's processes are not our children, and for those
   * {@link ProcessHandle#onExit()} polls every 300 ms and more; /proc is read every 10 ms instead.
   */
  private static void awaitExit(ProcessHandle process, int seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    try {
      while (isRunning(process)) {
        if (System.nanoTime() > deadline) {
          process.destroyForcibly();
          return;
        }
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** A zombie is done: it holds no port or file any more, it only waits for init to reap it. */
  private static boolean isRunning(ProcessHandle process) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException | RuntimeException gone) {
      return false;
    }
  }
}
