package org.lemongate.imap.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.lemongate.imap.command.Command;
import org.lemongate.imap.command.CommandParser;
import org.lemongate.imap.protocol.CommandFrame;
import org.lemongate.imap.protocol.MailboxNames;
import org.lemongate.imap.response.ResponseWriter;
import org.lemongate.store.MailboxRecord;
import org.lemongate.store.StoreResults.MailboxSnapshot;

/**
 * A user's mailboxes and subscriptions, and a LIST/LSUB handler in miniature: commands go through
 * the real parser, answers through the real {@link ResponseWriter}, so tests read like the RFC
 * examples they come from.
 */
final class Account {
  private static final CommandParser PARSER = new CommandParser(32);

  final List<MailboxRecord> mailboxes = new ArrayList<>();
  final List<String> subscriptions = new ArrayList<>();
  private boolean imap4rev2;

  /** An account with these mailboxes, none of special use. */
  static Account withMailboxes(String... names) {
    Account account = new Account();
    for (String name : names) {
      account.mailbox(name, null);
    }
    return account;
  }

  Account mailbox(String name, String specialUse) {
    long id = name.equals(MailboxRecord.INBOX) ? MailboxRecord.INBOX_ID : mailboxes.size() + 100;
    mailboxes.add(new MailboxRecord(id, name, 1000 + id, 1, 1, 0, specialUse));
    return this;
  }

  Account subscribed(String... names) {
    subscriptions.addAll(List.of(names));
    return this;
  }

  /** A session that enabled IMAP4rev2: UTF-8 names, {@code \NonExistent} in basic LIST too. */
  Account imap4rev2() {
    imap4rev2 = true;
    return this;
  }

  /**
   * Runs a script of {@code C: command} lines, each followed by the {@code S: } lines it must
   * answer (without the tagged OK), and checks every answer.
   */
  void run(String script) {
    List<String> lines = script.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String command = lines.get(i).substring("C: ".length());
      List<String> expected = new ArrayList<>();
      while (i + 1 < lines.size() && lines.get(i + 1).startsWith("S: ")) {
        expected.add(lines.get(++i).substring("S: ".length()));
      }
      assertThat(answer(command)).as(command).containsExactlyElementsOf(expected);
    }
  }

  /** The untagged lines that answer {@code command} (LIST or LSUB). */
  List<String> answer(String command) {
    Command parsed = PARSER.parse(CommandFrame.of("t " + command), imap4rev2).command();
    MailboxLister lister = new MailboxLister(mailboxes, subscriptions);
    ResponseWriter writer = new ResponseWriter();
    writer.setUtf8(imap4rev2);
    if (parsed instanceof Command.Lsub lsub) {
      lister.lsub(lsub).forEach(entry -> write(writer, "LSUB", entry));
    } else {
      Command.ListMailboxes list = (Command.ListMailboxes) parsed;
      for (ListEntry entry : lister.list(list, imap4rev2)) {
        write(writer, "LIST", entry);
        if (entry.needsStatus()) {
          MailboxSnapshot empty = new MailboxSnapshot(entry.statusMailbox(), List.of());
          writer.status(entry.name(), StatusCalculator.status(empty, list.statusItems()));
        }
      }
    }
    return writer.flush().toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static void write(ResponseWriter writer, String kind, ListEntry entry) {
    writer.list(kind, entry.attributes(), MailboxNames.DELIMITER, entry.name(), entry.childInfo());
  }
}
