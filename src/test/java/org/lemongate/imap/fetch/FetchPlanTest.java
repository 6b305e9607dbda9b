package org.lemongate.imap.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lemongate.imap.fetch.Fixtures.command;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lemongate.imap.command.Command;
import org.lemongate.imap.protocol.FetchAttribute;
import org.lemongate.imap.protocol.FetchAttribute.Simple;
import org.lemongate.imap.protocol.SequenceSet;
import org.lemongate.store.MessageRecord;

/** What a FETCH (or STORE) answers for each message, and what it needs and does. */
class FetchPlanTest {

  private static FetchPlan plan(String line, boolean condStore, boolean readOnly) {
    return FetchPlan.forFetch(command(line), condStore, readOnly);
  }

  private static List<String> names(FetchPlan plan) {
    return plan.items().stream().map(FetchPlanTest::name).toList();
  }

  private static String name(FetchAttribute item) {
    return item instanceof Simple simple ? simple.wireName() : item.getClass().getSimpleName();
  }

  @ParameterizedTest(name = "{0} sets \\Seen: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "BODY[]                      | true",
        "BODY[1.MIME]<0.10>          | true",
        "BODY.PEEK[]                 | false",
        "RFC822                      | true",
        "RFC822.TEXT                 | true",
        "RFC822.HEADER               | false",
        "BINARY[1]                   | true",
        "BINARY.PEEK[1]              | false",
        "BINARY.SIZE[1]              | false",
        "(FLAGS ENVELOPE BODY)       | false",
        "(BODY.PEEK[] BODY[TEXT])    | true"
      })
  void bodyItemsWithoutPeekSetSeen(String items, boolean setsSeen) {
    assertThat(plan("a FETCH 1 " + items, false, false).setsSeen()).isEqualTo(setsSeen);
  }

  @Test
  void nothingSetsSeenInAReadOnlyMailbox() {
    FetchPlan plan = plan("a FETCH 1 (BODY[] RFC822 BINARY[1])", false, true);
    assertThat(plan.setsSeen()).isFalse();
    assertThat(names(plan)).doesNotContain("FLAGS");
  }

  @Test
  void settingSeenAddsFlagsOnce() {
    assertThat(names(plan("a FETCH 1 BODY[]", false, false)))
        .containsExactly("BodySection", "FLAGS");
    assertThat(names(plan("a FETCH 1 (FLAGS RFC822)", false, false)))
        .containsExactly("FLAGS", "RFC822");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "FAST | FLAGS INTERNALDATE RFC822.SIZE",
        "ALL  | FLAGS INTERNALDATE RFC822.SIZE ENVELOPE",
        "FULL | FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY"
      })
  void macrosAreAnsweredAsTheirItems(String macro, String items) {
    assertThat(names(plan("a FETCH 1:* " + macro, false, false)))
        .containsExactly(items.split(" "));
  }

  @Test
  void uidCommandsImplyUidAfterTheRequestedItems() {
    assertThat(names(plan("a UID FETCH 1:* (FLAGS RFC822.SIZE)", false, false)))
        .containsExactly("FLAGS", "RFC822.SIZE", "UID");
    assertThat(names(plan("a UID FETCH 1:* (UID FLAGS)", false, false)))
        .containsExactly("UID", "FLAGS");
  }

  @Test
  void modSeqIsImpliedByCondStoreOrChangedSince() {
    assertThat(names(plan("a FETCH 1 FLAGS", false, false))).containsExactly("FLAGS");
    assertThat(names(plan("a FETCH 1 FLAGS", true, false))).containsExactly("FLAGS", "MODSEQ");
    assertThat(names(plan("a FETCH 1 (FLAGS) (CHANGEDSINCE 5)", false, false)))
        .containsExactly("FLAGS", "MODSEQ");
    assertThat(names(plan("a UID FETCH 1 (MODSEQ FLAGS) (CHANGEDSINCE 5)", true, false)))
        .containsExactly("MODSEQ", "FLAGS", "UID");
  }

  @Test
  void repeatedItemsAreAnsweredOnce() {
    assertThat(names(plan("a FETCH 1 (UID FLAGS UID BODY.PEEK[] BODY.PEEK[])", false, false)))
        .containsExactly("UID", "FLAGS", "BodySection");
  }

  @ParameterizedTest(name = "{0} needs {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "(FLAGS UID INTERNALDATE RFC822.SIZE MODSEQ) | RECORD",
        "ENVELOPE                                    | SUMMARY",
        "(FLAGS BODYSTRUCTURE)                       | SUMMARY",
        "BODY                                        | SUMMARY",
        "BODY.PEEK[HEADER]                           | BODY",
        "(ENVELOPE RFC822.HEADER)                    | BODY",
        "BINARY.SIZE[1]                              | BODY"
      })
  void loadsOnlyWhatTheItemsNeed(String items, MessageData needed) {
    assertThat(plan("a FETCH 1 " + items, false, false).dataNeeded()).isEqualTo(needed);
  }

  @Test
  void changedSinceSelectsMessagesModifiedAfterIt() {
    FetchPlan plan = plan("a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 100)", false, false);
    assertThat(plan.selects(record(100))).isFalse();
    assertThat(plan.selects(record(101))).isTrue();
    assertThat(plan("a FETCH 1 FLAGS", false, false).selects(record(1))).isTrue();
  }

  @Test
  void vanishedReportsExpungedUidsOfTheRequestedSet() {
    assertThat(plan("a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)", false, false)
            .reportsVanished())
        .isTrue();
    assertThat(plan("a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1)", false, false).reportsVanished())
        .isFalse();
    SequenceSet requested = SequenceSet.parse("300:500,600");
    assertThat(FetchPlan.vanishedEarlier(requested, List.of(12L, 300L, 301L, 302L, 550L, 600L)))
        .hasToString("300:302,600");
    assertThat(FetchPlan.vanishedEarlier(requested, List.of(12L))).matches(SequenceSet::isEmpty);
  }

  @ParameterizedTest(name = "{0} (CONDSTORE {1})")
  @CsvSource(
      delimiter = '|',
      value = {
        "a STORE 1 +FLAGS (\\Seen)                                | false | FLAGS",
        "a STORE 1 +FLAGS (\\Seen)                                | true  | FLAGS MODSEQ",
        "a UID STORE 1 +FLAGS (\\Seen)                            | false | FLAGS UID",
        "a STORE 1 +FLAGS.SILENT (\\Seen)                         | true  | ''",
        "a UID STORE 1 (UNCHANGEDSINCE 9) +FLAGS.SILENT (\\Seen)  | false | UID MODSEQ",
        "a STORE 1 (UNCHANGEDSINCE 9) FLAGS (\\Seen)              | false | FLAGS MODSEQ"
      })
  void storeAnswersWithFlagsUidAndModSeqAsTheRfcsSay(
      String line, boolean condStore, String items) {
    Command.Store store = command(line);
    FetchPlan plan = FetchPlan.forStore(store, condStore);
    assertThat(String.join(" ", names(plan))).isEqualTo(items);
    assertThat(plan.isEmpty()).isEqualTo(items.isEmpty());
    assertThat(plan.setsSeen()).isFalse();
    assertThat(plan.dataNeeded()).isEqualTo(MessageData.RECORD);
  }

  @Test
  void unsolicitedFlagChangesCarryTheUid() {
    assertThat(names(FetchPlan.forFlagChange(false))).containsExactly("FLAGS", "UID");
    assertThat(names(FetchPlan.forFlagChange(true))).containsExactly("FLAGS", "UID", "MODSEQ");
  }

  private static MessageRecord record(long modSeq) {
    return new MessageRecord(1, modSeq, 1, 10, 0, List.of(), null);
  }
}
