package org.lemongate.imap.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lemongate.imap.fetch.Fixtures.command;
import static org.lemongate.imap.fetch.Fixtures.load;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lemongate.imap.command.Command;
import org.lemongate.imap.fetch.MessageData;
import org.lemongate.imap.protocol.SequenceSet;
import org.lemongate.mime.MessageSummary;
import org.lemongate.store.MessageRecord;

/**
 * Truth tables: which of four messages with known flags, dates, headers and bodies each key
 * matches, as sequence numbers.
 */
class SearchPlanTest {

  private record Message(MessageRecord record, byte[] raw) {}

  /**
   * 1: lunch.eml, sent 13 May 23:30 -0700 (14 May in UTC), plain ASCII.<br>
   * 2: encoded.eml, RFC 2047 From and Subject ("Grüße aus Köln"), quoted-printable body.<br>
   * 3: report.eml, no Date field, HTML part and a base64 attachment.<br>
   * 4: empty-subject.eml, empty Subject and X-Priority fields.
   */
  private static final List<Message> MAILBOX = List.of(
      message(10, 100, "2024-05-14T06:30:00Z", 1000, "lunch.eml", "\\Answered", "\\Seen"),
      message(20, 250, "2024-05-15T06:00:00Z", 2000, "encoded.eml", "$Work", "\\Flagged"),
      message(30, 180, "2024-05-16T23:59:59Z", 3000, "report.eml", "\\Deleted", "\\Draft",
          "\\Seen"),
      message(45, 300, "2024-06-01T12:00:00Z", 4000, "empty-subject.eml"));

  /** Four messages, the highest UID 45, and {@code $} saved as UIDs 20 and 45. */
  private static final SearchContext CONTEXT = new SearchContext(4, 45, SequenceSet.of(20, 45));

  private static Message message(long uid, long modSeq, String internalDate, long size,
      String file, String... flags) {
    long millis = Instant.parse(internalDate).toEpochMilli();
    return new Message(new MessageRecord(uid, modSeq, 1, size, millis, List.of(flags), null),
        load("/search/" + file));
  }

  private static SearchPlan compile(String criteria) {
    Command.Search search = command("a SEARCH " + criteria);
    return SearchPlan.compile(search.key(), CONTEXT);
  }

  /** The sequence numbers that match, as "1,3", or "" for none. */
  private static String search(String criteria) {
    SearchPlan plan = compile(criteria);
    List<String> found = new ArrayList<>();
    for (int i = 0; i < MAILBOX.size(); i++) {
      Message m = MAILBOX.get(i);
      if (plan.matches(i + 1, m.record(), () -> MessageSummary.parse(m.raw()), m::raw)) {
        found.add(Integer.toString(i + 1));
      }
    }
    return String.join(",", found);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ALL                  | 1,2,3,4",
        "ANSWERED             | 1",
        "UNANSWERED           | 2,3,4",
        "DELETED              | 3",
        "UNDELETED            | 1,2,4",
        "DRAFT                | 3",
        "UNDRAFT              | 1,2,4",
        "FLAGGED              | 2",
        "UNFLAGGED            | 1,3,4",
        "SEEN                 | 1,3",
        "UNSEEN               | 2,4",
        "KEYWORD $work        | 2",
        "UNKEYWORD $WORK      | 1,3,4",
        "KEYWORD $Other       | ''",
        "RECENT               | ''",
        "NEW                  | ''",
        "OLD                  | 1,2,3,4"
      })
  void flagsAndKeywords(String criteria, String expected) {
    assertThat(search(criteria)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "BEFORE 14-May-2024      | ''",
        "BEFORE 15-May-2024      | 1",
        "ON 14-May-2024          | 1",
        "ON 15-May-2024          | 2",
        "ON 16-May-2024          | 3",
        "SINCE 16-May-2024       | 3,4",
        "SINCE 2-Jun-2024        | ''",
        // the Date field's own day: 13 May in -0700, though 14 May in UTC
        "SENTON 13-May-2024      | 1",
        "SENTON 14-May-2024      | ''",
        "SENTBEFORE 15-May-2024  | 1",
        "SENTON 15-May-2024      | 2",
        "SENTSINCE 15-May-2024   | 2,3,4",
        // no Date field: the internal date's day
        "SENTON 16-May-2024      | 3",
        "SENTBEFORE 1-Jun-2024   | 1,2,3"
      })
  void datesDisregardTimeAndZone(String criteria, String expected) {
    assertThat(search(criteria)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "LARGER 2000   | 3,4",
        "LARGER 1999   | 2,3,4",
        "LARGER 4000   | ''",
        "SMALLER 2000  | 1",
        "SMALLER 1000  | ''"
      })
  void sizes(String criteria, String expected) {
    assertThat(search(criteria)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "SUBJECT lunch                  | 1",
        "SUBJECT \"LUNCH PLANS\"        | 1",
        "SUBJECT \"gr\u00fc\u00dfe\"    | 2",
        "SUBJECT \"GR\u00dcSSE\"        | 2",
        "SUBJECT \"K\u00d6LN\"          | 2",
        "SUBJECT \"\"                   | 1,2,3,4",
        "FROM \"m\u00fcller\"           | 2",
        "FROM joerg@example.de          | 2",
        "FROM \"alice example\"         | 1",
        "TO alice                       | 2,4",
        "TO bob                         | 1",
        "CC carol                       | 1",
        "CC \"\"                        | 1",
        "BCC dave                       | 3",
        "HEADER X-Mailer lemon          | 1",
        "HEADER x-priority \"\"         | 3,4",
        "HEADER X-Priority 1            | 3",
        "HEADER Received \"\"           | ''",
        "HEADER Message-ID lunch@       | 1",
        "HEADER subject \"k\u00f6ln\"   | 2"
      })
  void headers(String criteria, String expected) {
    assertThat(search(criteria)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "BODY noon                  | 1",
        "BODY \"stra\u00dfe\"       | 2",
        "BODY STRASSE               | 2",
        // "Brücke" is split by a quoted-printable soft line break
        "BODY \"br\u00fccke\"       | 2",
        "BODY quarterly             | 3",
        "BODY hiddenword            | ''",
        "BODY lunch                 | ''",
        "TEXT lunch                 | 1",
        "TEXT noon                  | 1",
        "TEXT \"k\u00f6ln\"         | 2",
        "TEXT data.bin              | 3",
        "TEXT hiddenword            | ''"
      })
  void bodyAndText(String criteria, String expected) {
    assertThat(search(criteria)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2:3          | 2,3",
        "*            | 4",
        "3:*          | 3,4",
        "5:*          | 4",
        "1,3          | 1,3",
        "9            | ''",
        "$            | 2,4",
        "UID 20:30    | 2,3",
        "UID 25:*     | 3,4",
        "UID *        | 4",
        "UID 50:*     | 4",
        "UID 11:19    | ''",
        "UID $        | 2,4"
      })
  void sequenceSets(String criteria, String expected) {
    assertThat(search(criteria)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "NOT SEEN                                   | 2,4",
        "NOT NOT SEEN                               | 1,3",
        "OR SEEN FLAGGED                            | 1,2,3",
        "OR (SEEN DELETED) KEYWORD $Work            | 2,3",
        "NOT (OR SEEN FLAGGED)                      | 4",
        "SEEN UNDELETED                             | 1",
        "(SEEN UNDELETED)                           | 1",
        "OR BODY noon SUBJECT \"k\u00f6ln\"         | 1,2",
        "NOT BODY noon                              | 2,3,4",
        "SEEN SINCE 15-May-2024 NOT FROM \"Smith\"  | 3",
        "UID 1:40 OR 1 NOT 2                        | 1,3"
      })
  void notOrAndNesting(String criteria, String expected) {
    assertThat(search(criteria)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "MODSEQ 200                         | 2,4",
        "MODSEQ 250                         | 2,4",
        "MODSEQ 251                         | 4",
        "MODSEQ \"/flags/\\\\seen\" all 200 | 2,4"
      })
  void modSeq(String criteria, String expected) {
    assertThat(search(criteria)).isEqualTo(expected);
    assertThat(compile(criteria).searchesModSeq()).isTrue();
  }

  @Test
  void aModSeqKeyAnywhereCounts() {
    assertThat(compile("OR FLAGGED NOT MODSEQ 5").searchesModSeq()).isTrue();
    assertThat(compile("FLAGGED").searchesModSeq()).isFalse();
  }

  @ParameterizedTest(name = "{0} needs {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "FLAGGED UID 1:* 1:2 LARGER 5 SINCE 1-Jan-2020 MODSEQ 5  | RECORD",
        "SUBJECT x                                              | SUMMARY",
        "SENTON 1-Jan-2020                                      | SUMMARY",
        "HEADER from x                                          | SUMMARY",
        "HEADER X-Mailer x                                      | BODY",
        "OR SEEN BODY x                                         | BODY",
        "NOT TEXT x                                             | BODY"
      })
  void tellsWhatItNeeds(String criteria, MessageData needed) {
    assertThat(compile(criteria).dataNeeded()).isEqualTo(needed);
  }

  // ---- lazy loading ----

  /** Runs the search over the mailbox, counting summary and body loads. */
  private static String loads(String criteria) {
    SearchPlan plan = compile(criteria);
    AtomicInteger summaries = new AtomicInteger();
    AtomicInteger bodies = new AtomicInteger();
    for (int i = 0; i < MAILBOX.size(); i++) {
      Message m = MAILBOX.get(i);
      plan.matches(i + 1, m.record(),
          () -> {
            summaries.incrementAndGet();
            return MessageSummary.parse(m.raw());
          },
          () -> {
            bodies.incrementAndGet();
            return m.raw();
          });
    }
    return summaries + " summaries, " + bodies + " bodies";
  }

  @Test
  void recordKeysLoadNothing() {
    assertThat(loads("OR FLAGGED NOT UID 20:* SMALLER 3000")).isEqualTo("0 summaries, 0 bodies");
  }

  @Test
  void cheaperKeysOfAnAndRunFirst() {
    // Only the two \Seen messages get their bodies read, whatever the order of the keys.
    assertThat(loads("BODY noon SUBJECT lunch SEEN")).isEqualTo("2 summaries, 1 bodies");
  }

  @Test
  void theCheaperSideOfAnOrRunsFirst() {
    // SEEN settles messages 1 and 3; only 2 and 4 are read.
    assertThat(loads("OR BODY noon SEEN")).isEqualTo("2 summaries, 2 bodies");
  }

  @Test
  void aMessageIsLoadedOnceForAllItsKeys() {
    assertThat(loads("OR SUBJECT x OR FROM y OR BODY z TEXT w")).isEqualTo("4 summaries, 4 bodies");
  }

  @Test
  void resultsCollectInSequenceOrder() {
    SearchPlan plan = compile("SEEN");
    SearchResult.Builder found = plan.resultBuilder();
    for (int i = 0; i < MAILBOX.size(); i++) {
      Message m = MAILBOX.get(i);
      if (plan.matches(i + 1, m.record(), () -> null, () -> null)) {
        found.add(i + 1, m.record());
      }
    }
    SearchResult result = found.build();
    assertThat(result.messageNumbers()).containsExactly(1, 3);
    assertThat(result.uids()).containsExactly(10, 30);
  }
}
