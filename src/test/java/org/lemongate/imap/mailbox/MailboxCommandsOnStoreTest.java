package org.lemongate.imap.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lemongate.testing.Await.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.config.StoreConfig;
import org.lemongate.imap.command.Command;
import org.lemongate.imap.command.CommandParser;
import org.lemongate.imap.protocol.CommandFrame;
import org.lemongate.imap.protocol.MailboxNames;
import org.lemongate.imap.protocol.StatusItem;
import org.lemongate.imap.response.ResponseWriter;
import org.lemongate.store.MailStore;
import org.lemongate.store.MailboxExistsException;
import org.lemongate.store.MailboxRecord;
import org.lemongate.store.StoreResults.PopDownload;

/**
 * The plans carried out on a real store, the way the handlers are meant to: what {@link
 * MailboxPolicy} allows, the store can do, and {@link MailboxLister} shows the result.
 */
class MailboxCommandsOnStoreTest {
  static final String USER = "alice";
  static final CommandParser PARSER = new CommandParser(32);

  @TempDir Path dir;
  Vertx vertx;
  MailStore store;

  @BeforeEach
  void open() {
    vertx = Vertx.vertx();
    store =
        MailStore.open(
            vertx,
            new StoreConfig(dir, 2, Duration.ofMinutes(10), Duration.ZERO, Duration.ofDays(30)));
  }

  @AfterEach
  void close() {
    store.close();
    await(vertx.close());
  }

  @Test
  void theFirstLoginCreatesTheSpecialUseMailboxesOnce() {
    login();
    rename("Sent", "Sent Items");
    delete("Junk");
    login();

    assertThat(list("LIST \"\" *"))
        .containsExactly(
            "* LIST (\\HasNoChildren) \"/\" \"INBOX\"",
            "* LIST (\\HasNoChildren \\Archive) \"/\" \"Archive\"",
            "* LIST (\\HasNoChildren \\Drafts) \"/\" \"Drafts\"",
            "* LIST (\\HasNoChildren \\Junk) \"/\" \"Junk\"",
            "* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent Items\"",
            "* LIST (\\HasNoChildren \\Trash) \"/\" \"Trash\"");
  }

  @Test
  void createMakesTheSuperiorsDeleteLeavesThemRenameMovesTheChildren() {
    login();
    assertThat(create("a/b/c/")).isEqualTo("OK");
    assertThat(list("LIST \"\" a*"))
        .containsExactly(
            "* LIST (\\HasChildren) \"/\" \"a\"",
            "* LIST (\\HasChildren) \"/\" \"a/b\"",
            "* LIST (\\HasNoChildren) \"/\" \"a/b/c\"");

    assertThat(delete("a")).isEqualTo("OK");
    assertThat(delete("a"))
        .isEqualTo("NO [NONEXISTENT] No such mailbox, only mailboxes below that name");
    assertThat(list("LIST \"\" %")).contains("* LIST (\\Noselect \\HasChildren) \"/\" \"a\"");

    assertThat(rename("a/b", "x/y/b")).isEqualTo("OK");
    assertThat(list("LIST \"\" x*"))
        .containsExactly(
            "* LIST (\\HasChildren) \"/\" \"x\"",
            "* LIST (\\HasChildren) \"/\" \"x/y\"",
            "* LIST (\\HasChildren) \"/\" \"x/y/b\"",
            "* LIST (\\HasNoChildren) \"/\" \"x/y/b/c\"");
    assertThat(list("LIST \"\" a*")).isEmpty();

    assertThat(create("a")).isEqualTo("OK");
    assertThat(create("a")).isEqualTo("NO [ALREADYEXISTS] Mailbox already exists");
  }

  @Test
  void renamingInboxMovesItsMessagesAndLeavesItsChildren() {
    login();
    await(store.storeFromPop(USER, List.of(download("u1", 50), download("u2", 70))));
    assertThat(create("INBOX/Sub")).isEqualTo("OK");

    assertThat(rename("INBOX", "INBOX/Old")).isEqualTo("OK");

    assertThat(list("LIST \"\" INBOX*"))
        .containsExactly(
            "* LIST (\\HasChildren) \"/\" \"INBOX\"",
            "* LIST (\\HasNoChildren) \"/\" \"INBOX/Old\"",
            "* LIST (\\HasNoChildren) \"/\" \"INBOX/Sub\"");
    assertThat(status("INBOX", "MESSAGES", "UIDNEXT"))
        .isEqualTo("* STATUS \"INBOX\" (MESSAGES 0 UIDNEXT 3)");
    assertThat(status("INBOX/Old", "MESSAGES", "UNSEEN", "SIZE"))
        .isEqualTo("* STATUS \"INBOX/Old\" (MESSAGES 2 UNSEEN 2 SIZE 154)");
  }

  @Test
  void specialUseIsGivenAtCreateAndTravelsWithRename() {
    assertThat(create("Mine", "\\Archive")).isEqualTo("OK");
    assertThat(create("Other", "\\Archive"))
        .isEqualTo("NO [USEATTR] \\Archive is already used by another mailbox");
    assertThat(rename("Mine", "Old/Mine")).isEqualTo("OK");

    assertThat(list("LIST (SPECIAL-USE) \"\" *"))
        .containsExactly("* LIST (\\HasNoChildren \\Archive) \"/\" \"Old/Mine\"");
  }

  // ---- the handlers, in miniature ----

  /** LOGIN: make sure INBOX and the default special-use mailboxes exist. */
  void login() {
    await(
        store
            .mailboxes(USER)
            .compose(
                mailboxes ->
                    store.ensureMailboxes(
                        USER, new MailboxPolicy(mailboxes).defaultMailboxesToEnsure())));
  }

  String create(String name, String... specialUse) {
    List<MailboxRecord> mailboxes = await(store.mailboxes(USER));
    Verdict<MailboxPolicy.CreatePlan> verdict =
        new MailboxPolicy(mailboxes).create(name, List.of(specialUse));
    if (!verdict.allowed()) {
      return no(verdict);
    }
    MailboxPolicy.CreatePlan plan = verdict.plan();
    await(
        createSuperiors(plan.superiors())
            .compose(done -> store.createMailbox(USER, plan.name(), plan.specialUse())));
    return "OK";
  }

  String delete(String name) {
    Verdict<String> verdict = new MailboxPolicy(await(store.mailboxes(USER))).delete(name);
    if (!verdict.allowed()) {
      return no(verdict);
    }
    await(store.deleteMailbox(USER, verdict.plan()));
    return "OK";
  }

  String rename(String from, String to) {
    Verdict<MailboxPolicy.RenamePlan> verdict =
        new MailboxPolicy(await(store.mailboxes(USER))).rename(from, to);
    if (!verdict.allowed()) {
      return no(verdict);
    }
    MailboxPolicy.RenamePlan plan = verdict.plan();
    await(
        createSuperiors(plan.superiors())
            .compose(done -> store.renameMailbox(USER, plan.from(), plan.to())));
    return "OK";
  }

  /** Creates each name in turn; one another session created meanwhile is just as good. */
  Future<Void> createSuperiors(List<String> superiors) {
    Future<Void> created = Future.succeededFuture();
    for (String superior : superiors) {
      created =
          created.compose(
              done ->
                  store
                      .createMailbox(USER, superior, null)
                      .<Void>mapEmpty()
                      .recover(
                          failure ->
                              failure instanceof MailboxExistsException
                                  ? Future.succeededFuture()
                                  : Future.failedFuture(failure)));
    }
    return created;
  }

  List<String> list(String command) {
    Command.ListMailboxes list =
        (Command.ListMailboxes) PARSER.parse(CommandFrame.of("t " + command), false).command();
    MailboxLister lister =
        new MailboxLister(await(store.mailboxes(USER)), await(store.subscriptions(USER)));
    ResponseWriter writer = new ResponseWriter();
    for (ListEntry entry : lister.list(list, false)) {
      writer.list(
          "LIST", entry.attributes(), MailboxNames.DELIMITER, entry.name(), entry.childInfo());
    }
    return writer.flush().toString(StandardCharsets.UTF_8).lines().toList();
  }

  String status(String name, String... items) {
    Set<StatusItem> wanted = StatusCalculatorTest.items(String.join(" ", items));
    MailboxRecord mailbox = await(store.mailbox(USER, name));
    var values =
        StatusCalculator.needMessages(wanted)
            ? StatusCalculator.status(await(store.snapshot(USER, mailbox.id())), wanted)
            : StatusCalculator.status(mailbox, wanted);
    ResponseWriter writer = new ResponseWriter();
    writer.status(name, values);
    return writer.flush().toString(StandardCharsets.UTF_8).strip();
  }

  static String no(Verdict<?> verdict) {
    return "NO [" + verdict.code() + "] " + verdict.text();
  }

  static PopDownload download(String uidl, int bodyLength) {
    byte[] raw =
        ("Subject: " + uidl + "\r\n\r\n" + "x".repeat(bodyLength) + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    return new PopDownload(uidl, raw.length, raw);
  }
}
