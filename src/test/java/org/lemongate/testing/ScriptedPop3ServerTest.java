package org.lemongate.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake server's RFC 1939 semantics, checked with {@link RawPop3}: the sync engine's tests will rely on
 * them, so they must hold independently of the client under test.
 */
class ScriptedPop3ServerTest {
  private ScriptedPop3Server server;

  @BeforeEach
  void start() {
    server = ScriptedPop3Server.builder()
        .user("alice", "secret")
        .message("alice", "Subject: one\n\n.starts with a dot\n")
        .message("alice", "Subject: two\n\nline 1\nline 2\n")
        .message("alice", "Subject: three\n\nbody\n")
        .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void deletionsAreAppliedOnlyByQuit() throws IOException {
    RawPop3 dropped = login();
    dropped.command("DELE 1");
    dropped.command("DELE 2");
    dropped.closeWithoutQuit();
    server.awaitSessionsEnded();
    try (RawPop3 reset = login()) {
      reset.command("DELE 1");
      reset.command("RSET");
    }
    server.awaitSessionsEnded();
    assertThat(server.uids("alice")).containsExactly("uid-1", "uid-2", "uid-3");

    try (RawPop3 committing = login()) {
      committing.command("DELE 2");
      assertThat(committing.count()).isEqualTo(2);
      assertThatThrownBy(() -> committing.command("RETR 2")).hasMessageContaining("-ERR");
    }
    server.awaitSessionsEnded();

    assertThat(server.uids("alice")).containsExactly("uid-1", "uid-3");
  }

  @Test
  void aSecondSessionOfTheSameUserIsInUse() throws IOException {
    try (RawPop3 first = login(); RawPop3 second = RawPop3.connect(ScriptedPop3Server.HOST, server.port())) {
      second.command("USER alice");
      assertThatThrownBy(() -> second.command("PASS secret")).hasMessageContaining("-ERR [IN-USE]");
      assertThat(first.count()).isEqualTo(3);
    }
    assertThat(server.connectionsAccepted()).isEqualTo(2);
  }

  @Test
  void messagesDeliveredDuringASessionAppearInTheNextOne() throws IOException {
    try (RawPop3 open = login()) {
      server.deliver("alice", "late", "Subject: late\n\nhello\n");
      assertThat(open.uidl()).hasSize(3);
    }
    server.awaitSessionsEnded();
    try (RawPop3 next = login()) {
      assertThat(next.uidl()).containsEntry(4, "late");
    }
  }

  @Test
  void servesDotStuffedMessagesAndTop() throws IOException {
    try (RawPop3 pop = login()) {
      assertThat(pop.multiLine("RETR 1")).containsExactly("Subject: one", "", ".starts with a dot");
      assertThat(pop.multiLine("TOP 2 1")).containsExactly("Subject: two", "", "line 1");
      assertThat(pop.command("LIST 3")).isEqualTo("+OK 3 24");
    }
    assertThat(server.commands()).containsExactly("USER alice", "PASS secret", "RETR 1", "TOP 2 1", "LIST 3", "QUIT");
  }

  private RawPop3 login() throws IOException {
    return RawPop3.login(ScriptedPop3Server.HOST, server.port(), "alice", "secret");
  }
}
