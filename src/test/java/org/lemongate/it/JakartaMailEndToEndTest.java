package org.lemongate.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.testing.DovecotPop3;
import org.lemongate.testing.RawPop3;

/**
 * A real IMAP client library (Angus Mail) against the gateway over a real Dovecot POP3 server:
 * what a desktop or phone client does, end to end.
 */
class JakartaMailEndToEndTest {
  @TempDir
  static Path storeDir;
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

  private static int users;

  private static String newUserWith(String... messages) {
    String user = "angus" + (++users);
    dovecot.addUser(user, "secret-" + user);
    for (String message : messages) {
      dovecot.deliver(user, message);
    }
    return user;
  }

  /** Opens INBOX once the first sync has brought {@code expected} messages. */
  private static Folder inbox(Store store, int expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      if (inbox.getMessageCount() >= expected || System.nanoTime() > deadline) {
        return inbox;
      }
      inbox.close(false);
      Thread.sleep(200);
    }
  }

  @Test
  void listFoldersFetchEnvelopesAndBodies() throws Exception {
    String user = newUserWith(
        "From: Alice <alice@example.org>\nTo: bob@example.net\nSubject: Lunch?\n\nShall we?\n",
        "From: =?UTF-8?Q?J=C3=BCrgen?= <j@example.de>\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\n"
            + "MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=b\n\n--b\n"
            + "Content-Type: text/plain; charset=UTF-8\n\nHallo\n--b\nContent-Type: text/html\n\n<p>Hallo</p>\n--b--\n");
    Store store = gateway.imapStore(user, "secret-" + user);
    try {
      List<String> folders = new ArrayList<>();
      for (Folder folder : store.getDefaultFolder().list("*")) {
        folders.add(folder.getFullName());
      }
      assertThat(folders).contains("INBOX", "Sent", "Drafts", "Trash", "Junk", "Archive");

      Folder inbox = inbox(store, 2);
      Message[] messages = inbox.getMessages();
      assertThat(messages).hasSize(2);
      assertThat(messages[0].getSubject()).isEqualTo("Lunch?");
      assertThat(messages[0].getFrom()[0].toString()).contains("alice@example.org");
      assertThat(((String) messages[0].getContent()).trim()).isEqualTo("Shall we?");
      assertThat(messages[1].getSubject()).isEqualTo("Grüße");
      MimeMultipart alternative = (MimeMultipart) messages[1].getContent();
      assertThat(alternative.getCount()).isEqualTo(2);
      assertThat(((String) alternative.getBodyPart(0).getContent()).trim()).isEqualTo("Hallo");
      inbox.close(false);
    } finally {
      store.close();
    }
  }

  @Test
  void flagsSurviveAReconnect() throws Exception {
    String user = newUserWith("Subject: one\n\n1\n", "Subject: two\n\n2\n");
    Store store = gateway.imapStore(user, "secret-" + user);
    Folder inbox = inbox(store, 2);
    inbox.getMessage(1).setFlag(Flags.Flag.FLAGGED, true);
    inbox.getMessage(2).setFlags(new Flags("$Important"), true);
    inbox.close(false);
    store.close();

    Store again = gateway.imapStore(user, "secret-" + user);
    Folder reopened = inbox(again, 2);
    assertThat(reopened.getMessage(1).isSet(Flags.Flag.FLAGGED)).isTrue();
    assertThat(reopened.getMessage(2).getFlags().contains("$Important")).isTrue();
    assertThat(reopened.getMessage(2).isSet(Flags.Flag.FLAGGED)).isFalse();
    reopened.close(false);
    again.close();
  }

  @Test
  void movingToArchiveDeletesFromThePopServerAndKeepsTheMessage() throws Exception {
    String user = newUserWith("Subject: keep me\n\nkept\n", "Subject: archive me\n\narchived\n");
    Store store = gateway.imapStore(user, "secret-" + user);
    IMAPFolder inbox = (IMAPFolder) inbox(store, 2);
    Folder archive = store.getFolder("Archive");

    inbox.moveMessages(new Message[] {inbox.getMessage(2)}, archive);
    inbox.close(false);

    Folder reopened = inbox(store, 1);
    assertThat(reopened.getMessageCount()).isEqualTo(1);
    assertThat(reopened.getMessage(1).getSubject()).isEqualTo("keep me");
    reopened.close(false);
    archive.open(Folder.READ_ONLY);
    assertThat(archive.getMessage(archive.getMessageCount()).getSubject()).isEqualTo("archive me");
    archive.close(false);
    store.close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    List<String> left;
    do {
      Thread.sleep(200);
      try (RawPop3 pop = RawPop3.login(DovecotPop3.HOST, dovecot.pop3Port(), user, "secret-" + user)) {
        left = pop.multiLine("TOP 1 0").stream().filter(line -> line.startsWith("Subject:")).toList();
        if (pop.count() == 1) {
          break;
        }
      } catch (java.io.IOException inUse) {
        left = List.of();
      }
    } while (System.nanoTime() < deadline);
    assertThat(left).containsExactly("Subject: keep me");
  }

  @Test
  void idleReceivesAMessageDeliveredToThePopServerWithinOnePoll() throws Exception {
    String user = newUserWith("Subject: first\n\n1\n");
    Store store = gateway.imapStore(user, "secret-" + user);
    IMAPFolder inbox = (IMAPFolder) inbox(store, 1);
    CountDownLatch arrived = new CountDownLatch(1);
    AtomicReference<String> subject = new AtomicReference<>();
    inbox.addMessageCountListener(new jakarta.mail.event.MessageCountAdapter() {
      @Override
      public void messagesAdded(jakarta.mail.event.MessageCountEvent event) {
        try {
          subject.set(Arrays.stream(event.getMessages()).findFirst().orElseThrow().getSubject());
        } catch (jakarta.mail.MessagingException e) {
          subject.set(e.toString());
        }
        arrived.countDown();
      }
    });
    Thread idler = new Thread(() -> {
      try {
        while (arrived.getCount() > 0) {
          inbox.idle(true);
        }
      } catch (jakarta.mail.MessagingException e) {
        subject.compareAndSet(null, e.toString());
      }
    });
    idler.start();
    Thread.sleep(500);
    long delivered = System.nanoTime();
    dovecot.deliver(user, "Subject: pushed\n\nhello while idling\n");

    boolean received = arrived.await(gateway.config.pop().pollInterval().toSeconds() + 8, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - delivered);

    assertThat(received).as("new mail pushed during IDLE").isTrue();
    assertThat(subject.get()).isEqualTo("pushed");
    assertThat(took).isLessThan(gateway.config.pop().pollInterval().plusSeconds(5));
    idler.join(10_000);
    inbox.close(false);
    store.close();
  }
}
