package org.lemongate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.testing.DovecotPop3;

/** Clients that are not Java: Python's imaplib and curl, run as processes against the gateway. */
class OtherClientsTest {
  @TempDir
  static Path storeDir;
  @TempDir
  static Path scripts;
  static DovecotPop3 dovecot;
  static GatewayFixture gateway;

  @BeforeAll
  static void start() {
    dovecot = DovecotPop3.start();
    gateway = GatewayFixture.start(dovecot, storeDir);
  }

  @AfterAll
  static void stop() {
    gateway.close();
    dovecot.close();
  }

  private static String userWithThreeMessages(String user) throws InterruptedException {
    dovecot.addUser(user, "pw-" + user);
    dovecot.deliver(user, "Subject: Hello\n\nfirst\n");
    dovecot.deliver(user, "Subject: Invoice 42\n\nPlease pay.\n");
    dovecot.deliver(user, "Subject: Party\n\nthird\n");
    return user;
  }

  /** Runs a command; returns its output, failing the test with that output if it exits non-zero. */
  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    boolean ended = process.waitFor(60, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ended).as("%s ended", command.get(0)).isTrue();
    assertThat(process.exitValue()).as("%s said:%n%s", command.get(0), output).isZero();
    return output;
  }

  /** The first login starts the sync; waits (asking STATUS) until the mailbox's three messages are in. */
  private static void awaitFirstSync(String user) throws IOException, InterruptedException {
    List<String> status = List.of("curl", "-sS", "--user", user + ":pw-" + user,
        "imap://127.0.0.1:" + gateway.imapPort + "/", "-X", "STATUS INBOX (MESSAGES)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String answer = run(status);
    while (!answer.contains("(MESSAGES 3)") && System.nanoTime() < deadline) {
      Thread.sleep(100);
      answer = run(status);
    }
    assertThat(answer).as("STATUS after the first sync").contains("(MESSAGES 3)");
  }

  @Test
  void pythonImaplib() throws Exception {
    String user = userWithThreeMessages("python");
    awaitFirstSync(user);
    Path script = scripts.resolve("imaplib_session.py");
    try (var in = OtherClientsTest.class.getResourceAsStream("/clients/imaplib_session.py")) {
      Files.copy(in, script);
    }

    String output = run(List.of("python3", script.toString(), "127.0.0.1", Integer.toString(gateway.imapPort),
        user, "pw-" + user));

    assertThat(output).contains("done").doesNotContain("FAIL");
  }

  @Test
  void curl() throws Exception {
    String user = userWithThreeMessages("curl");
    awaitFirstSync(user);
    String base = "imap://127.0.0.1:" + gateway.imapPort;
    List<String> login = new ArrayList<>(List.of("curl", "-sS", "--user", user + ":pw-" + user));

    List<String> body = new ArrayList<>(login);
    body.add(base + "/INBOX;UID=2");
    List<String> search = new ArrayList<>(login);
    search.addAll(List.of(base + "/INBOX", "-X", "SEARCH SUBJECT party"));

    assertThat(run(body)).contains("Subject: Invoice 42").contains("Please pay.");
    assertThat(run(search).trim()).isEqualTo("* SEARCH 3");
  }
}
