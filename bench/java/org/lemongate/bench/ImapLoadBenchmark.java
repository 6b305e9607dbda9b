package org.lemongate.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.lemongate.demo.SampleMail;
import org.lemongate.testing.DovecotImap;

/**
 * Load on an IMAP server: (a) IDLE hold, many sessions each logged in, INBOX selected and idling,
 * with the connection rate and the server's memory per session; (b) FETCH throughput, a few sessions
 * each looping over {@code FETCH 1:* (ENVELOPE FLAGS)} and {@code FETCH n BODY.PEEK[]} of random
 * messages, with commands/s and p50/p99 latency per command. It measures a private Dovecot IMAP
 * server (the baseline, over generated Maildirs) and, if given, another server such as the gateway,
 * then prints the ratios. Everything runs on 127.0.0.1.
 *
 * <p>The baseline is Dovecot as {@link DovecotImap} sets it up: login processes in high-performance
 * mode, an {@code imap} process per session unless {@code sessionsPerProcess} says otherwise, limits
 * raised to the number of sessions, new mail checked every 30 s (Dovecot's default) where inotify is not
 * available, no hibernation of idle sessions. Server memory covers the process and all its descendants:
 * RSS counts shared pages once per process, so for Dovecot's many processes PSS is the fair figure; for a
 * JVM the heap used after a full GC is shown too. The load generator shares the machine's cores with
 * the server; the FETCH phase prints the CPU each used.
 *
 * <p>Run (the benchmark JVM is a process of its own, so its options travel in {@code bench.options}):
 * <pre>
 * ulimit -n 65536    # if allowed: the shell's limit bounds this JVM and the Dovecot it starts (needs sessions + ~200)
 * mvn -Pbench test-compile exec:exec -Dbench=ImapLoadBenchmark -Dbench.options="-Dsessions=200 -Dseconds=5"
 * </pre>
 *
 * <p>Options ({@code -Dname=value} inside {@code bench.options}):
 * <ul>
 *   <li>{@code mode}: {@code idle}, {@code fetch} or {@code both} (default)</li>
 *   <li>{@code target}: {@code host:port} of the server to compare with the baseline (the gateway);
 *       its accounts are {@code user}/{@code password} below. {@code targetPid}: its process, for memory</li>
 *   <li>{@code baseline}: start the Dovecot baseline (default true); {@code baselinePop3Port}: its POP3
 *       port (default: any free one), so that a gateway configured beforehand can mirror the very same
 *       Maildirs; the FETCH phase then waits until the gateway's INBOX has all {@code messages}</li>
 *   <li>{@code users} (10), {@code user} (name pattern, {@code bench%d}), {@code password} ({@code pw})</li>
 *   <li>IDLE hold: {@code sessions} (10000), {@code connectConcurrency} (100 logins in progress at once),
 *       {@code holdSeconds} (10)</li>
 *   <li>FETCH: {@code fetchSessions} (16), {@code messages} per mailbox (1000), {@code warmup} (5 s),
 *       {@code seconds} (20), {@code bodiesPerList} (10 {@code BODY.PEEK[]} per {@code FETCH 1:*}),
 *       {@code syncTimeout} (300 s to wait for a target's INBOX to fill)</li>
 *   <li>{@code sessionsPerProcess}: Dovecot sessions per {@code imap} process (default 1, Dovecot's own)</li>
 * </ul>
 */
public final class ImapLoadBenchmark {
  private static final String LIST_COMMAND = "FETCH 1:* (ENVELOPE FLAGS)";
  private static final String BODY_COMMAND = "FETCH n BODY.PEEK[]";

  private ImapLoadBenchmark() {
  }

  /** A server to measure; {@code pid} 0 if unknown (no memory figures then). */
  record Target(String name, String host, int port, long pid) {
  }

  /** @param errors the first few distinct reasons sessions failed to open */
  record IdleResult(int asked, int held, double seconds, int closedDuringHold, List<String> errors,
      ServerFootprint before, ServerFootprint after) {
    double sessionsPerSecond() {
      return held / seconds;
    }

    long rssPerSession() {
      return before == null || held == 0 ? -1 : (after.rssBytes() - before.rssBytes()) / held;
    }

    long pssPerSession() {
      return before == null || held == 0 ? -1 : (after.pssBytes() - before.pssBytes()) / held;
    }

    long heapPerSession() {
      return before == null || held == 0 || before.heapUsedBytes() < 0 ? -1
          : (after.heapUsedBytes() - before.heapUsedBytes()) / held;
    }
  }

  /** @param serverCpuSeconds CPU used by the server while measured, -1 if unknown */
  record FetchResult(int sessions, int messages, double seconds, Map<String, Latencies> byCommand,
      double serverCpuSeconds, double loadGeneratorCpuSeconds) {
    double perSecond(String command) {
      return byCommand.get(command).count() / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.fromSystemProperties();
    System.out.println(settings.describe());
    System.out.printf("this JVM may open %s files; it needs about %,d%n", openFilesLimit(ProcessHandle.current().pid()),
        (settings.mode.equals("fetch") ? 0 : settings.sessions) + settings.fetchSessions + 100);
    Vertx vertx = Vertx.vertx();
    NetClient client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(30_000).setTcpNoDelay(true));
    DovecotImap dovecot = null;
    try {
      List<Target> targets = new ArrayList<>();
      if (settings.baseline) {
        dovecot = startBaseline(settings);
        targets.add(new Target("Dovecot (baseline)", DovecotImap.HOST, dovecot.imapPort(), dovecot.masterProcess().pid()));
      }
      if (settings.target != null) {
        String[] hostPort = settings.target.split(":");
        targets.add(new Target("target " + settings.target, hostPort[0], Integer.parseInt(hostPort[1]), settings.targetPid));
      }
      Map<Target, IdleResult> idle = new LinkedHashMap<>();
      Map<Target, FetchResult> fetch = new LinkedHashMap<>();
      for (Target target : targets) {
        if (target.pid() > 0) {
          System.out.printf("%n%s: pid %d may open %s files%n", target.name(), target.pid(), openFilesLimit(target.pid()));
        }
        if (!settings.mode.equals("fetch")) {
          idle.put(target, holdIdle(client, target, settings));
          print(target, idle.get(target));
        }
        if (!settings.mode.equals("idle")) {
          fetch.put(target, fetchLoop(vertx, client, target, settings));
          print(target, settings, fetch.get(target));
        }
      }
      if (targets.size() == 2) {
        printRatios(targets.get(1), targets.get(0), idle, fetch);
      }
    } finally {
      client.close().await();
      vertx.close().await();
      if (dovecot != null) {
        dovecot.close();
      }
    }
  }

  /** Dovecot over generated Maildirs: {@code users} accounts of the same {@code messages} sample messages. */
  private static DovecotImap startBaseline(Settings settings) {
    DovecotImap.Limits limits = new DovecotImap.Limits(settings.sessions + settings.fetchSessions + 100,
        settings.sessionsPerProcess, 30);
    DovecotImap dovecot = DovecotImap.start(limits, settings.baselinePop3Port);
    long start = System.nanoTime();
    List<byte[]> mailbox = new ArrayList<>();
    SampleMail samples = new SampleMail(1);
    long bytes = 0;
    for (int i = 0; i < settings.messages; i++) {
      byte[] message = new String(samples.next(), StandardCharsets.UTF_8).replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
      mailbox.add(message);
      bytes += message.length;
    }
    for (int user = 1; user <= settings.users; user++) {
      dovecot.addUser(settings.user(user), settings.password);
      for (byte[] message : mailbox) {
        dovecot.deliver(settings.user(user), message);
      }
    }
    System.out.printf("%nbaseline: %s, IMAP on %s:%d, POP3 on port %d; %d accounts of %,d messages (%,.1f MB each),"
            + " written in %.1f s; %d session(s) per imap process, new mail checked every %d s without inotify%n",
        dovecotVersion(), DovecotImap.HOST, dovecot.imapPort(), dovecot.pop3Port(), settings.users, settings.messages,
        bytes / 1e6, (System.nanoTime() - start) / 1e9, limits.sessionsPerProcess(), limits.newMailCheckSeconds());
    return dovecot;
  }

  /** (a) Opens the sessions (LOGIN, SELECT INBOX, IDLE), holds them, measures the server, closes them. */
  private static IdleResult holdIdle(NetClient client, Target target, Settings settings) throws InterruptedException {
    System.out.printf("%n%s: opening %,d IDLE sessions, %d at a time…%n", target.name(), settings.sessions,
        settings.connectConcurrency);
    ServerFootprint before = target.pid() > 0 ? ServerFootprint.of(target.pid()) : null;
    List<ImapLoadSession> held = Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    List<Throwable> failures = runBounded(settings.sessions, settings.connectConcurrency, index ->
        ImapLoadSession.open(client, target.host(), target.port()).compose(session -> session
            .login(settings.user(1 + index % settings.users), settings.password)
            .compose(ok -> session.selectInbox())
            .compose(ok -> session.idle())
            .onSuccess(idling -> held.add(session))
            .onFailure(failure -> session.close())));
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%,d held after %.1f s; holding for %d s…%n", held.size(), seconds, settings.holdSeconds);
    Thread.sleep(TimeUnit.SECONDS.toMillis(settings.holdSeconds));
    int closed = (int) held.stream().filter(ImapLoadSession::isClosed).count();
    ServerFootprint after = target.pid() > 0 ? ServerFootprint.of(target.pid()) : null;
    closeAll(held);
    List<String> errors = failures.stream().map(Throwable::getMessage).distinct().limit(5).toList();
    return new IdleResult(settings.sessions, held.size(), seconds, closed, errors, before, after);
  }

  /** (b) FETCH loops in {@code fetchSessions} sessions: a warm-up, then a measured run of fixed length. */
  private static FetchResult fetchLoop(Vertx vertx, NetClient client, Target target, Settings settings)
      throws InterruptedException {
    System.out.printf("%n%s: FETCH with %d sessions…%n", target.name(), settings.fetchSessions);
    int expected = settings.baseline ? settings.messages : 0;
    List<ImapLoadSession> sessions = Collections.synchronizedList(new ArrayList<>());
    List<Throwable> failures = runBounded(settings.fetchSessions, settings.fetchSessions, index ->
        ImapLoadSession.open(client, target.host(), target.port()).compose(session -> session
            .login(settings.user(1 + index % settings.users), settings.password)
            .compose(ok -> session.selectInbox())
            .compose(ok -> awaitMessages(vertx, session, expected, System.nanoTime()
                + TimeUnit.SECONDS.toNanos(settings.syncTimeoutSeconds)))
            .onSuccess(ready -> sessions.add(session))));
    if (!failures.isEmpty()) {
      closeAll(sessions);
      throw new IllegalStateException(target.name() + ": " + failures.size() + " FETCH sessions failed to start: "
          + failures.get(0).getMessage(), failures.get(0));
    }
    long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.warmupSeconds);
    long end = measureFrom + TimeUnit.SECONDS.toNanos(settings.seconds);
    List<Map<String, Latencies>> perSession = new ArrayList<>();
    List<CompletableFuture<Void>> loops = new ArrayList<>();
    for (int i = 0; i < sessions.size(); i++) {
      Map<String, Latencies> latencies = Map.of(LIST_COMMAND, new Latencies(), BODY_COMMAND, new Latencies());
      perSession.add(latencies);
      CompletableFuture<Void> finished = new CompletableFuture<>();
      loops.add(finished);
      Random random = new Random(i);
      ImapLoadSession session = sessions.get(i);
      session.onContext(() -> fetchOnce(session, random, 0, settings.bodiesPerList, measureFrom, end, latencies, finished));
    }
    Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
    double serverCpuBefore = ServerFootprint.cpuSeconds(target.pid());
    double ownCpuBefore = ServerFootprint.cpuSeconds(ProcessHandle.current().pid());
    CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
    double serverCpu = ServerFootprint.cpuSeconds(target.pid()) - serverCpuBefore;
    double ownCpu = ServerFootprint.cpuSeconds(ProcessHandle.current().pid()) - ownCpuBefore;
    Map<String, Latencies> merged = Map.of(LIST_COMMAND, new Latencies(), BODY_COMMAND, new Latencies());
    perSession.forEach(latencies -> latencies.forEach((command, recorded) -> merged.get(command).addAll(recorded)));
    int messages = sessions.get(0).exists();
    closeAll(sessions);
    return new FetchResult(sessions.size(), messages, settings.seconds, merged, target.pid() > 0 ? serverCpu : -1, ownCpu);
  }

  /** One command of a session's loop, then the next, until {@code end}; only commands inside the measured window count. */
  private static void fetchOnce(ImapLoadSession session, Random random, int step, int bodiesPerList, long measureFrom,
      long end, Map<String, Latencies> latencies, CompletableFuture<Void> finished) {
    if (System.nanoTime() >= end) {
      finished.complete(null);
      return;
    }
    boolean list = step % (bodiesPerList + 1) == 0;
    String command = list ? LIST_COMMAND : "FETCH " + (1 + random.nextInt(session.exists())) + " BODY.PEEK[]";
    long start = System.nanoTime();
    session.command(command).onComplete(reply -> {
      if (reply.failed() || !reply.result().isOk()) {
        finished.completeExceptionally(new IllegalStateException(command + " failed: "
            + (reply.failed() ? reply.cause().getMessage() : reply.result().tagged())));
        return;
      }
      long now = System.nanoTime();
      if (start >= measureFrom && now <= end) {
        latencies.get(list ? LIST_COMMAND : BODY_COMMAND).record(now - start, reply.result().bytes());
      }
      fetchOnce(session, random, step + 1, bodiesPerList, measureFrom, end, latencies, finished);
    });
  }

  /** Waits (NOOP every half second) until the INBOX holds {@code expected} messages, e.g. while the gateway syncs. */
  private static Future<Void> awaitMessages(Vertx vertx, ImapLoadSession session, int expected, long deadline) {
    if (session.exists() >= expected) {
      return session.exists() > 0 ? Future.succeededFuture() : Future.failedFuture("the INBOX is empty");
    }
    if (System.nanoTime() > deadline) {
      return Future.failedFuture("the INBOX holds " + session.exists() + " of " + expected + " messages after the sync timeout");
    }
    Promise<Void> later = Promise.promise();
    vertx.setTimer(500, id -> session.command("NOOP").compose(ok -> awaitMessages(vertx, session, expected, deadline))
        .onComplete(later));
    return later.future();
  }

  /** Runs {@code total} tasks with at most {@code concurrency} in progress; returns their failures. */
  private static List<Throwable> runBounded(int total, int concurrency, IntFunction<Future<?>> task)
      throws InterruptedException {
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(total);
    Runnable[] startNext = new Runnable[1];
    startNext[0] = () -> {
      int index = next.getAndIncrement();
      if (index < total) {
        task.apply(index).onComplete(result -> {
          if (result.failed()) {
            failures.add(result.cause());
          }
          done.countDown();
          startNext[0].run();
        });
      }
    };
    for (int i = 0; i < Math.min(concurrency, total); i++) {
      startNext[0].run();
    }
    done.await();
    return failures;
  }

  private static void closeAll(List<ImapLoadSession> sessions) {
    List<Future<Void>> closing = new ArrayList<>();
    synchronized (sessions) {
      sessions.forEach(session -> closing.add(session.close()));
    }
    Future.join(closing).await();
  }

  private static void print(Target target, IdleResult result) {
    System.out.printf("IDLE hold, %s: %,d of %,d sessions held, opened in %.1f s (%,.0f sessions/s);"
            + " %,d closed by the server during the hold%n", target.name(), result.held(), result.asked(), result.seconds(),
        result.sessionsPerSecond(), result.closedDuringHold());
    result.errors().forEach(error -> System.out.println("  failure: " + error));
    if (result.after() != null) {
      ServerFootprint after = result.after();
      System.out.printf("  server memory while holding: %,d processes, RSS %,.1f MB (%s per session), PSS %,.1f MB"
              + " (%s per session)%s%n", after.processes(), after.rssBytes() / 1e6, kilobytes(result.rssPerSession()),
          after.pssBytes() / 1e6, kilobytes(result.pssPerSession()),
          after.heapUsedBytes() < 0 ? "" : String.format(", heap used after GC %,.1f MB (%s per session)",
              after.heapUsedBytes() / 1e6, kilobytes(result.heapPerSession())));
    }
  }

  private static void print(Target target, Settings settings, FetchResult result) {
    System.out.printf("FETCH, %s: %d sessions, %d accounts, %,d messages per INBOX; %d s warm-up, then %d s measured%n",
        target.name(), result.sessions(), settings.users, result.messages(), settings.warmupSeconds, settings.seconds);
    System.out.printf("  %-28s %9s %11s %9s %9s %9s%n", "command", "count", "commands/s", "p50 ms", "p99 ms", "MB/s");
    for (String command : List.of(LIST_COMMAND, BODY_COMMAND)) {
      Latencies latencies = result.byCommand().get(command);
      System.out.printf("  %-28s %,9d %,11.1f %9.2f %9.2f %9.1f%n", command, latencies.count(), result.perSecond(command),
          latencies.percentileMillis(0.5), latencies.percentileMillis(0.99), latencies.bytes() / 1e6 / result.seconds());
    }
    System.out.printf("  CPU while measured: server %s, load generator %.1f s, of %d cores × %d s%n",
        result.serverCpuSeconds() < 0 ? "unknown (no pid)" : String.format("%.1f s", result.serverCpuSeconds()),
        result.loadGeneratorCpuSeconds(), Runtime.getRuntime().availableProcessors(), settings.seconds);
  }

  private static void printRatios(Target target, Target baseline, Map<Target, IdleResult> idle,
      Map<Target, FetchResult> fetch) {
    System.out.printf("%nratios, %s / %s:%n", target.name(), baseline.name());
    if (idle.containsKey(target)) {
      IdleResult mine = idle.get(target);
      IdleResult theirs = idle.get(baseline);
      System.out.printf("  IDLE sessions opened per second: %.2f%n", mine.sessionsPerSecond() / theirs.sessionsPerSecond());
      if (mine.rssPerSession() > 0 && theirs.rssPerSession() > 0) {
        System.out.printf("  RSS per held session: %.2f, PSS per held session: %.2f%n",
            (double) mine.rssPerSession() / theirs.rssPerSession(), (double) mine.pssPerSession() / theirs.pssPerSession());
      }
    }
    if (fetch.containsKey(target)) {
      FetchResult mine = fetch.get(target);
      FetchResult theirs = fetch.get(baseline);
      if (mine.messages() != theirs.messages()) {
        System.out.printf("  (INBOX sizes differ: %,d against %,d messages; FETCH figures are not comparable)%n",
            mine.messages(), theirs.messages());
      }
      for (String command : List.of(LIST_COMMAND, BODY_COMMAND)) {
        System.out.printf("  %s: commands/s %.2f, p99 latency %.2f%n", command,
            mine.perSecond(command) / theirs.perSecond(command),
            mine.byCommand().get(command).percentileMillis(0.99) / theirs.byCommand().get(command).percentileMillis(0.99));
      }
    }
  }

  private static String kilobytes(long bytes) {
    return bytes < 0 ? "n/a" : String.format("%,.1f kB", bytes / 1e3);
  }

  /** The soft limit on open files of a process, from /proc/PID/limits. */
  private static String openFilesLimit(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(pid), "limits")).stream()
          .filter(line -> line.startsWith("Max open files"))
          .map(line -> String.format("%,d", Long.parseLong(line.substring("Max open files".length()).trim().split("\\s+")[0])))
          .findFirst()
          .orElse("?");
    } catch (IOException | NumberFormatException e) {
      return "?";
    }
  }

  private static String dovecotVersion() {
    try {
      Process process = new ProcessBuilder("dovecot", "--version").redirectErrorStream(true).start();
      String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      process.waitFor(10, TimeUnit.SECONDS);
      return "Dovecot " + version;
    } catch (IOException e) {
      return "Dovecot";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "Dovecot";
    }
  }

  /** The options, from system properties (see the class comment). */
  private record Settings(String mode, String target, long targetPid, boolean baseline, int baselinePop3Port,
      int users, String userPattern, String password, int sessions, int connectConcurrency, int holdSeconds,
      int fetchSessions, int messages, int warmupSeconds, int seconds, int bodiesPerList, int syncTimeoutSeconds,
      int sessionsPerProcess) {

    static Settings fromSystemProperties() {
      Settings settings = new Settings(
          System.getProperty("mode", "both"),
          System.getProperty("target"),
          Long.getLong("targetPid", 0),
          Boolean.parseBoolean(System.getProperty("baseline", "true")),
          Integer.getInteger("baselinePop3Port", 0),
          Integer.getInteger("users", 10),
          System.getProperty("user", "bench%d"),
          System.getProperty("password", "pw"),
          Integer.getInteger("sessions", 10_000),
          Integer.getInteger("connectConcurrency", 100),
          Integer.getInteger("holdSeconds", 10),
          Integer.getInteger("fetchSessions", 16),
          Integer.getInteger("messages", 1000),
          Integer.getInteger("warmup", 5),
          Integer.getInteger("seconds", 20),
          Integer.getInteger("bodiesPerList", 10),
          Integer.getInteger("syncTimeout", 300),
          Integer.getInteger("sessionsPerProcess", 1));
      if (!List.of("idle", "fetch", "both").contains(settings.mode)) {
        throw new IllegalArgumentException("mode is idle, fetch or both, not " + settings.mode);
      }
      if (!settings.baseline && settings.target == null) {
        throw new IllegalArgumentException("nothing to measure: give -Dtarget=host:port or leave the baseline on");
      }
      if (settings.target != null && !settings.target.matches("[^:]+:\\d+")) {
        throw new IllegalArgumentException("target is host:port, not " + settings.target);
      }
      return settings;
    }

    String user(int number) {
      return String.format(userPattern, number);
    }

    String describe() {
      String idle = String.format("IDLE hold of %,d sessions (%d logins at a time, held %d s)", sessions,
          connectConcurrency, holdSeconds);
      String fetch = String.format("FETCH in %d sessions, %d s measured after %d s warm-up, %d BODY.PEEK[] per FETCH 1:*",
          fetchSessions, seconds, warmupSeconds, bodiesPerList);
      String phases = switch (mode) {
        case "idle" -> idle;
        case "fetch" -> fetch;
        default -> idle + "; " + fetch;
      };
      return "ImapLoadBenchmark: " + phases + "; accounts " + user(1) + ".." + user(users);
    }
  }
}
