package org.lemongate.testing.imapscript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.lemongate.testing.DovecotImap;

/**
 * Validates the script runner against Dovecot's IMAP server. The scripts in
 * {@code src/test/resources/imap-scripts-dovecot/} describe behaviour every compliant server shares and
 * exist to prove the runner right; the gateway's own transcripts live in {@code imap-scripts/}.
 */
class DovecotValidationScriptsTest {
  static DovecotImap dovecot;
  static ScriptTarget target;

  @BeforeAll
  static void startDovecot() {
    dovecot = DovecotImap.start();
    target = new DovecotTarget(dovecot);
  }

  @AfterAll
  static void stopDovecot() {
    dovecot.close();
  }

  @TestFactory
  Stream<DynamicTest> validationScripts() {
    return new ScriptRunner(target).dynamicTests("imap-scripts-dovecot");
  }

  @Test
  void aWrongExpectationNamesTheLineWhatWasExpectedWhatArrivedAndTheTranscript() {
    ImapScript script = ImapScript.parse("wrong.test", String.join("\n",
        "S: \\* OK .*",
        "C: a1 LOGIN ${user} ${password}",
        "# Dovecot answers OK, of course",
        "S: a1 NO .*",
        "C: a2 LOGOUT"));

    AssertionError failure = assertThrows(AssertionError.class, () -> new ScriptRunner(target).run(script));

    assertThat(failure.getMessage())
        .startsWith("wrong.test line 4 (session 1): expected S: a1 NO .*\nbut the server sent: a1 OK [CAPABILITY IMAP4rev1 ")
        .contains("\ntranscript so far ([session] C: sent, S: received):\n  [1] -- connected to ")
        .containsPattern("\n  \\[1\\] S: \\* OK .*Dovecot.* ready\\.\n  \\[1\\] C: a1 LOGIN wrong-\\d+ pw-wrong-\\d+\\\\r\\\\n\n"
            + "  \\[1\\] S: a1 OK .*Logged in$");
  }

  @Test
  void aLineThatNeverComesFailsAfterTheTimeout() {
    ImapScript script = ImapScript.parse("silent.test", String.join("\n",
        "S: \\* OK .*",
        "C: a1 NOOP",
        "S: a1 OK .*",
        "S: \\* 1 EXISTS"));

    AssertionError failure = assertThrows(AssertionError.class,
        () -> new ScriptRunner(target, Duration.ofMillis(300)).run(script));

    assertThat(failure.getMessage())
        .startsWith("silent.test line 4 (session 1): expected S: \\* 1 EXISTS\nbut nothing (more) arrived within 300 ms");
  }

  @Test
  void anUnorderedBlockThatDoesNotMatchShowsBothSides() {
    ImapScript script = ImapScript.parse("unordered.test", String.join("\n",
        "SETUP: plain.eml",
        "S: \\* OK .*",
        "C: a1 LOGIN ${user} ${password}",
        "S: a1 OK .*",
        "C: a2 EXAMINE INBOX",
        "UNORDERED {",
        "S: \\* 1 EXISTS",
        "S: \\* 2 EXISTS",
        "}"));

    AssertionError failure = assertThrows(AssertionError.class, () -> new ScriptRunner(target).run(script));

    assertThat(failure.getMessage())
        .startsWith("unordered.test line 6 (session 1): expected these lines in any order:\n"
            + "  S: \\* 1 EXISTS\n  S: \\* 2 EXISTS\nbut the server sent:\n  * FLAGS (");
  }

  /** Each script gets a Dovecot user of its own, named after it; messages become Maildir files as they are. */
  private static final class DovecotTarget implements ScriptTarget {
    private final DovecotImap dovecot;
    private int accounts;

    DovecotTarget(DovecotImap dovecot) {
      this.dovecot = dovecot;
    }

    @Override
    public InetSocketAddress imapAddress() {
      return new InetSocketAddress(DovecotImap.HOST, dovecot.imapPort());
    }

    @Override
    public synchronized Account newAccount(String scriptName, List<byte[]> messages) {
      String user = scriptName.replaceFirst("\\.test$", "").replaceAll("[^A-Za-z0-9_-]", "-") + "-" + (++accounts);
      dovecot.addUser(user, "pw-" + user);
      messages.forEach(message -> dovecot.deliver(user, message));
      return new Account(user, "pw-" + user);
    }

    @Override
    public void deliver(Account account, byte[] message) {
      dovecot.deliver(account.user(), message);
    }
  }
}
