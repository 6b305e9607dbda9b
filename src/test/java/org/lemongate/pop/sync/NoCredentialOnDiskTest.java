package org.lemongate.pop.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lemongate.testing.Await.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.config.PopAuthMode;
import org.lemongate.store.MailboxRecord;
import org.lemongate.testing.LogCapture;
import org.lemongate.testing.ScriptedPop3Server;

/**
 * Design invariant 6: no password, nor anything equivalent to one (the base64 of an AUTH PLAIN
 * response), is ever written to the store's files or to the log, whatever the login method.
 */
class NoCredentialOnDiskTest {
  private static final String PASSWORD = "Zq9-very-Distinctive-Secret";

  @TempDir
  Path storeDir;

  @Test
  void passwordsNeverReachTheStoreOrTheLog() throws Exception {
    for (PopAuthMode mode : List.of(PopAuthMode.USER, PopAuthMode.PLAIN)) {
      Path dir = storeDir.resolve(mode.name());
      try (ScriptedPop3Server server = ScriptedPop3Server.builder().user("alice", PASSWORD)
          .message("alice", "Subject: hello\n\nbody\n").message("alice", "Subject: two\n\nbody\n").start();
           LogCapture log = new LogCapture()) {
        try (SyncFixture gateway = new SyncFixture(dir, server.backend().withAuth(mode), Duration.ofHours(1))) {
          await(gateway.login("alice", PASSWORD));
          gateway.sync("alice");
          await(gateway.store.expunge("alice", MailboxRecord.INBOX_ID, List.of(1L)));
          gateway.sync("alice");
          org.lemongate.testing.Await.failureOf(gateway.login("alice", "a wrong " + PASSWORD));
        }
        assertThat(server.commands()).as("the test really logged in with the password")
            .anyMatch(line -> line.contains(PASSWORD) || line.startsWith("AUTH PLAIN"));

        List<String> secrets = secretForms();
        for (Path file : files(dir)) {
          String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
          for (String secret : secrets) {
            assertThat(content).as("%s in %s", mode, file).doesNotContain(secret);
          }
        }
        for (String line : log.lines()) {
          for (String secret : secrets) {
            assertThat(line).as("%s log", mode).doesNotContain(secret);
          }
        }
        assertThat(log.lines()).isNotEmpty();
      }
    }
  }

  /** The password in clear, and inside the base64 of an AUTH PLAIN response. */
  private static List<String> secretForms() {
    List<String> forms = new ArrayList<>();
    forms.add(PASSWORD);
    forms.add(Base64.getEncoder().encodeToString(("\0alice\0" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    forms.add(Base64.getEncoder().encodeToString(("alice\0alice\0" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    return forms;
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }
}
