package org.lemongate.imap.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lemongate.imap.command.Command;
import org.lemongate.imap.command.CommandParser;
import org.lemongate.imap.protocol.CommandFrame;
import org.lemongate.imap.protocol.StatusItem;
import org.lemongate.imap.response.ResponseWriter;
import org.lemongate.store.MailboxRecord;
import org.lemongate.store.MessageRecord;
import org.lemongate.store.StoreResults.MailboxSnapshot;

class StatusCalculatorTest {
  static final MailboxRecord BLURDYBLOOP =
      new MailboxRecord(7, "blurdybloop", 3857529045L, 44292, 7011231777L, 0, null);

  /** Four messages: seen, deleted, neither, both ("\seen" as a client may spell it). */
  static final MailboxSnapshot FOUR =
      new MailboxSnapshot(
          BLURDYBLOOP,
          List.of(
              message(1, 100, "\\Seen"),
              message(2, 250, "\\Deleted"),
              message(3, 1000),
              message(4, 7, "\\seen", "\\Deleted", "$Forwarded")));

  @ParameterizedTest(name = "STATUS {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "MESSAGES|MESSAGES=4",
        "UNSEEN|UNSEEN=2",
        "DELETED|DELETED=2",
        "SIZE|SIZE=1357",
        "RECENT|RECENT=0",
        "UIDNEXT|UIDNEXT=44292",
        "UIDVALIDITY|UIDVALIDITY=3857529045",
        "HIGHESTMODSEQ|HIGHESTMODSEQ=7011231777",
        // the values come in StatusItem order, whatever order they were asked in
        "SIZE UNSEEN MESSAGES|MESSAGES=4, UNSEEN=2, SIZE=1357",
        "HIGHESTMODSEQ RECENT DELETED UIDVALIDITY UIDNEXT|"
            + "UIDNEXT=44292, UIDVALIDITY=3857529045, DELETED=2, RECENT=0, "
            + "HIGHESTMODSEQ=7011231777"
      })
  void countsOverTheMessages(String items, String values) {
    assertThat(StatusCalculator.status(FOUR, items(items))).hasToString("{" + values + "}");
  }

  @Test
  void anEmptyMailboxCountsZero() {
    MailboxSnapshot empty = new MailboxSnapshot(BLURDYBLOOP, List.of());
    assertThat(StatusCalculator.status(empty, items("MESSAGES UNSEEN DELETED SIZE")))
        .hasToString("{MESSAGES=0, UNSEEN=0, DELETED=0, SIZE=0}");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "UIDNEXT UIDVALIDITY HIGHESTMODSEQ RECENT|false",
        "UIDNEXT|false",
        "MESSAGES|true",
        "UNSEEN|true",
        "DELETED|true",
        "SIZE|true",
        "UIDNEXT SIZE|true"
      })
  void knowsWhenTheMessagesAreNeeded(String items, boolean needed) {
    assertThat(StatusCalculator.needMessages(items(items))).isEqualTo(needed);
  }

  @Test
  void theMailboxRecordAloneAnswersWhatItCan() {
    assertThat(StatusCalculator.status(BLURDYBLOOP, items("UIDNEXT HIGHESTMODSEQ")))
        .hasToString("{UIDNEXT=44292, HIGHESTMODSEQ=7011231777}");
    assertThatThrownBy(() -> StatusCalculator.status(BLURDYBLOOP, items("UIDNEXT MESSAGES")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // RFC 9051 §6.3.11
        "STATUS blurdybloop (UIDNEXT MESSAGES)|"
            + "* STATUS \"blurdybloop\" (MESSAGES 231 UIDNEXT 44292)",
        // RFC 7162 §3.1.7, example 17
        "STATUS blurdybloop (UIDNEXT MESSAGES HIGHESTMODSEQ)|"
            + "* STATUS \"blurdybloop\" (MESSAGES 231 UIDNEXT 44292 HIGHESTMODSEQ 7011231777)",
        // RFC 8438 §3, items in StatusItem order (order is not significant)
        "STATUS frop (MESSAGES SIZE UIDNEXT)|"
            + "* STATUS \"frop\" (MESSAGES 8 UIDNEXT 242344 SIZE 44421)"
      })
  void rfcExamples(String command, String response) {
    Command.Status status =
        (Command.Status)
            new CommandParser(32).parse(CommandFrame.of("t " + command), false).command();

    Map<StatusItem, Long> values =
        StatusCalculator.status(snapshotOf(status.mailbox()), status.items());
    ResponseWriter writer = new ResponseWriter();
    writer.status(status.mailbox(), values);
    assertThat(writer.flush().toString(StandardCharsets.UTF_8)).isEqualTo(response + "\r\n");
  }

  /** The mailboxes of the RFC examples. */
  static MailboxSnapshot snapshotOf(String name) {
    List<MessageRecord> messages = new ArrayList<>();
    if (name.equals("frop")) {
      long[] sizes = {3224, 1222, 444, 4516, 544, 922, 31126, 2423};
      for (int i = 0; i < sizes.length; i++) {
        messages.add(message(242336 + i, sizes[i]));
      }
      return new MailboxSnapshot(
          new MailboxRecord(8, "frop", 1364851417, 242344, 3914, 0, null), messages);
    }
    for (int uid = 1; uid <= 231; uid++) {
      messages.add(message(uid, 100, "\\Seen"));
    }
    return new MailboxSnapshot(BLURDYBLOOP, messages);
  }

  static Set<StatusItem> items(String names) {
    Set<StatusItem> items = EnumSet.noneOf(StatusItem.class);
    for (String name : names.split(" ")) {
      items.add(StatusItem.valueOf(name));
    }
    return items;
  }

  static MessageRecord message(long uid, long size, String... flags) {
    return new MessageRecord(uid, uid + 10, uid, size, 0, List.of(flags), null);
  }
}
