package org.lemongate.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.store.MailStore;
import org.lemongate.store.MailboxRecord;
import org.lemongate.testing.Await;
import org.lemongate.testing.DovecotPop3;
import org.lemongate.testing.ImapTestClient;
import org.lemongate.testing.TestCertificate;
import org.lemongate.testing.imapscript.ScriptRunner;
import org.lemongate.testing.imapscript.ScriptTarget;

/**
 * The gateway's IMAP protocol transcripts: every script of {@code src/test/resources/imap-scripts/}
 * runs against one gateway in front of one private Dovecot POP3 server, each with a POP account of its
 * own whose messages the gateway has mirrored before the script starts.
 */
class GatewayScriptsTest {
  /** Long enough for a message delivered to Dovecot to reach an IDLE client (poll every 2 s). */
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

  @TempDir
  static Path storeDir;
  static DovecotPop3 dovecot;
  static GatewayFixture gateway;

  @BeforeAll
  static void start() {
    dovecot = DovecotPop3.start();
    // Dovecot's test certificate spares the gateway making a self-signed one at start
    gateway = GatewayFixture.start(dovecot, storeDir, Map.of(
        "imap.certificate", TestCertificate.get().certificatePem().toString(),
        "imap.key", TestCertificate.get().privateKeyPem().toString()));
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (dovecot != null) {
      dovecot.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> scripts() {
    return new ScriptRunner(new GatewayTarget(), READ_TIMEOUT).dynamicTests("imap-scripts");
  }

  /**
   * A Dovecot user per script, named after it (login.test logs in as "login" with "pw-login", so a
   * script knows the lengths of both for literals); its messages become Maildir files, and the account
   * is handed to the script once one IMAP login has made the gateway mirror them all into INBOX.
   */
  private static final class GatewayTarget implements ScriptTarget {
    @Override
    public InetSocketAddress imapAddress() {
      return new InetSocketAddress("127.0.0.1", gateway.imapPort);
    }

    @Override
    public Account newAccount(String scriptName, List<byte[]> messages) {
      String user = scriptName.replaceFirst("\\.test$", "").replaceAll("[^A-Za-z0-9_-]", "-");
      Account account = new Account(user, "pw-" + user);
      dovecot.addUser(user, account.password());
      messages.forEach(message -> dovecot.deliver(user, message));
      try (ImapTestClient imap = ImapTestClient.connect("127.0.0.1", gateway.imapPort)) {
        imap.login(user, account.password()).requireOk();
        awaitMirrored(user, messages.size());
        imap.command("LOGOUT");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot log " + user + " in to the gateway", e);
      }
      return account;
    }

    @Override
    public void deliver(Account account, byte[] message) {
      dovecot.deliver(account.user(), message);
    }

    /** Waits until the sync the login started has stored {@code count} messages in INBOX. */
    private static void awaitMirrored(String user, int count) {
      MailStore store = gateway.gateway.store();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      int stored = -1;
      while (System.nanoTime() < deadline) {
        try {
          stored = Await.await(store.snapshot(user, MailboxRecord.INBOX_ID)).messages().size();
        } catch (RuntimeException noInboxYet) {
          stored = -1;
        }
        if (stored == count) {
          return;
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      throw new IllegalStateException("the gateway mirrored " + stored + " of " + user + "'s " + count
          + " messages within 20 s");
    }
  }
}
