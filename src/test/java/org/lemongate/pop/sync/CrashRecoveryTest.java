package org.lemongate.pop.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.testing.DovecotPop3;
import org.lemongate.testing.KillSwitchProxy;
import org.lemongate.testing.RawPop3;

/**
 * Design invariant 3: a gateway killed with SIGKILL at any moment of a sync — mid-download, among
 * its DELEs, between its DELEs and its QUIT — loses nothing and duplicates nothing. The gateway runs
 * in a JVM of its own ({@link CrashDriver}); a proxy in front of Dovecot kills it at exact points.
 */
class CrashRecoveryTest {
  private static final String USER = "crash";
  private static final int MESSAGES = 2000;

  @TempDir
  Path storeDir;

  /** One run of the gateway process. */
  private final class Driver implements AutoCloseable {
    final Process process;
    final BufferedReader out;

    Driver(int popPort) throws IOException {
      String java = ProcessHandle.current().info().command().orElse("java");
      process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          CrashDriver.class.getName(), storeDir.toString(), Integer.toString(popPort))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      assertThat(answer()).isEqualTo("ready");
    }

    /** The next answer line ("ready", "ok ...", "fail ..."), or null once the process died. */
    String answer() throws IOException {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.equals("ready") || line.startsWith("ok") || line.startsWith("fail")) {
          return line;
        }
      }
      return null;
    }

    String send(String command) throws IOException {
      process.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
      return answer();
    }

    void kill() {
      process.destroyForcibly();
    }

    void awaitDeath() throws InterruptedException {
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the gateway process ended").isTrue();
    }

    JsonObject state() throws IOException {
      String answer = send("state " + USER);
      assertThat(answer).startsWith("ok ");
      return new JsonObject(answer.substring(3));
    }

    @Override
    public void close() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private final Map<Long, String> uidlOfUid = new HashMap<>();
  private Long uidValidity;

  /** Every state seen must agree with all earlier ones: same UIDVALIDITY, a UID never names two UIDLs. */
  private JsonObject checkState(Driver driver) throws IOException {
    JsonObject state = driver.state();
    if (uidValidity == null) {
      uidValidity = state.getLong("uidValidity");
    }
    assertThat(state.getLong("uidValidity")).as("UIDVALIDITY").isEqualTo(uidValidity);
    Set<String> uidls = new HashSet<>();
    for (Map.Entry<String, Object> entry : state.getJsonObject("messages")) {
      long uid = Long.parseLong(entry.getKey());
      String uidl = (String) entry.getValue();
      assertThat(uidls.add(uidl)).as("UIDL %s in INBOX once", uidl).isTrue();
      String earlier = uidlOfUid.putIfAbsent(uid, uidl);
      assertThat(earlier == null || earlier.equals(uidl)).as("UID %d reused", uid).isTrue();
      assertThat(uid).isLessThan(state.getLong("uidNext"));
    }
    return state;
  }

  @Test
  void sigkillAtAnyPointOfASyncLosesNothingAndDeletesOnlyWhatWasExpunged() throws Exception {
    try (DovecotPop3 dovecot = DovecotPop3.start()) {
      dovecot.addUser(USER, "pw");
      List<String> all = new ArrayList<>();
      long mailboxBytes = 0;
      for (int i = 0; i < MESSAGES; i++) {
        String message = "Subject: message " + i + "\nFrom: a@example.org\n\n"
            + "line of text ".repeat(20 + i % 200) + "\n.a line starting with a dot\n";
        all.add(dovecot.deliver(USER, message));
        mailboxBytes += message.length();
      }
      Set<String> expunged = new HashSet<>();
      try (KillSwitchProxy proxy = new KillSwitchProxy(dovecot.pop3Port())) {
        // A slow server (about 1 MB/s), so batches get committed while the download goes on.
        proxy.throttle(1_000_000);
        // 1 and 2: killed in the middle of the first download.
        for (int killAfterRetr : new int[] {700, 500}) {
          try (Driver driver = new Driver(proxy.port())) {
            AtomicInteger retrs = new AtomicInteger();
            proxy.arm(line -> line.startsWith("RETR") && retrs.incrementAndGet() == killAfterRetr, driver::kill);
            driver.send("login " + USER + " pw");
            driver.send("sync " + USER);
            driver.awaitDeath();
          }
          try (Driver driver = new Driver(proxy.port())) {
            assertThat(checkState(driver).getJsonObject("messages").size())
                .as("killed with part of the mailbox stored").isBetween(1, MESSAGES - 1);
          }
        }
        proxy.throttle(0);
        // 3: the download completes; the user expunges 300 messages; killed between the DELEs and QUIT.
        try (Driver driver = new Driver(proxy.port())) {
          assertThat(driver.send("login " + USER + " pw")).startsWith("ok");
          assertThat(driver.send("sync " + USER)).startsWith("ok");
          assertThat(checkState(driver).getJsonObject("messages").size()).isEqualTo(MESSAGES);
          String answer = driver.send("expunge " + USER + " 300");
          new JsonArray(answer.substring(3)).forEach(uidl -> expunged.add((String) uidl));
          proxy.arm(line -> line.equals("QUIT"), driver::kill);
          driver.send("sync " + USER);
          driver.awaitDeath();
        }
        assertThat(dovecot.messages(USER)).as("nothing deleted without QUIT").hasSize(MESSAGES);
        // 4: killed among the DELEs of the retried deletion.
        try (Driver driver = new Driver(proxy.port())) {
          checkState(driver);
          AtomicInteger deles = new AtomicInteger();
          proxy.arm(line -> line.startsWith("DELE") && deles.incrementAndGet() == 150, driver::kill);
          driver.send("login " + USER + " pw");
          driver.send("sync " + USER);
          driver.awaitDeath();
        }
        // 5: a clean run finishes the job.
        try (Driver driver = new Driver(proxy.port())) {
          assertThat(driver.send("login " + USER + " pw")).startsWith("ok");
          assertThat(driver.send("sync " + USER)).startsWith("ok");
          JsonObject state = checkState(driver);
          driver.send("exit");

          Set<String> expected = new HashSet<>(all);
          expected.removeAll(expunged);
          try (RawPop3 raw = RawPop3.login(DovecotPop3.HOST, dovecot.pop3Port(), USER, "pw")) {
            assertThat(new HashSet<>(raw.uidl().values())).as("on the POP server").isEqualTo(expected);
          }
          Set<String> inInbox = new HashSet<>();
          state.getJsonObject("messages").forEach(entry -> inInbox.add((String) entry.getValue()));
          assertThat(inInbox).as("in INBOX").isEqualTo(expected);
          assertThat(state.getJsonObject("pop").getMap()).as("no deletion left pending")
              .doesNotContainValue("DELETE_PENDING");
        }
      }
    }
  }
}
