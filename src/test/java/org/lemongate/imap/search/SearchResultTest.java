package org.lemongate.imap.search;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lemongate.imap.fetch.Fixtures.command;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lemongate.imap.command.Command;
import org.lemongate.imap.protocol.SearchReturnOption;
import org.lemongate.imap.protocol.SequenceSet;
import org.lemongate.imap.response.ResponseWriter;
import org.lemongate.store.MessageRecord;

/** The SEARCH and ESEARCH responses a client reads, and what {@code $} becomes. */
class SearchResultTest {

  /** Matches at sequence numbers 1, 3, 4, 5 with UIDs 10, 30, 40, 50; MODSEQ peaks at 3. */
  private static SearchResult found(boolean searchedModSeq) {
    SearchResult.Builder builder = new SearchResult.Builder(searchedModSeq);
    builder.add(1, record(10, 100));
    builder.add(3, record(30, 900));
    builder.add(4, record(40, 200));
    builder.add(5, record(50, 300));
    return builder.build();
  }

  private static SearchResult nothing(boolean searchedModSeq) {
    return new SearchResult.Builder(searchedModSeq).build();
  }

  private static MessageRecord record(long uid, long modSeq) {
    return new MessageRecord(uid, modSeq, 1, 100, 0, List.of(), null);
  }

  /** The answer to a command line such as {@code UID SEARCH RETURN (MIN) ALL}. */
  private static String answer(SearchResult result, String search, boolean imap4rev2) {
    Command.Search command = command("A7 " + search);
    ResponseWriter out = new ResponseWriter();
    result.writeTo(out, "A7", command, imap4rev2);
    return out.flush().toString(US_ASCII);
  }

  // ---- IMAP4rev1 SEARCH response ----

  @Test
  void searchListsNumbersOrUids() {
    assertThat(answer(found(false), "SEARCH ALL", false)).isEqualTo("* SEARCH 1 3 4 5\r\n");
    assertThat(answer(found(false), "UID SEARCH ALL", false))
        .isEqualTo("* SEARCH 10 30 40 50\r\n");
    assertThat(answer(nothing(false), "SEARCH ALL", false)).isEqualTo("* SEARCH\r\n");
  }

  @Test
  void aModSeqSearchReportsTheHighestModSeqOfWhatItFound() {
    assertThat(answer(found(true), "SEARCH MODSEQ 1", false))
        .isEqualTo("* SEARCH 1 3 4 5 (MODSEQ 900)\r\n");
    assertThat(answer(nothing(true), "SEARCH MODSEQ 1", false)).isEqualTo("* SEARCH\r\n");
  }

  // ---- ESEARCH response ----

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "SEARCH RETURN (MIN MAX COUNT ALL) ALL | * ESEARCH (TAG \"A7\") MIN 1 MAX 5 COUNT 4 ALL"
            + " 1,3:5",
        "UID SEARCH RETURN (MIN MAX) ALL       | * ESEARCH (TAG \"A7\") UID MIN 10 MAX 50",
        "SEARCH RETURN (COUNT) ALL             | * ESEARCH (TAG \"A7\") COUNT 4",
        "SEARCH RETURN () ALL                  | * ESEARCH (TAG \"A7\") ALL 1,3:5",
        "UID SEARCH RETURN (ALL) ALL           | * ESEARCH (TAG \"A7\") UID ALL 10,30,40,50",
        "SEARCH RETURN (SAVE MIN) ALL          | * ESEARCH (TAG \"A7\") MIN 1",
        "SEARCH RETURN (SAVE) ALL              | ''"
      })
  void esearchAnswersWhatWasAskedFor(String search, String expected) {
    assertThat(answer(found(false), search, false))
        .isEqualTo(expected.isEmpty() ? "" : expected + "\r\n");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "SEARCH RETURN (MIN MAX ALL) ALL  | * ESEARCH (TAG \"A7\")",
        "SEARCH RETURN (MIN COUNT) ALL    | * ESEARCH (TAG \"A7\") COUNT 0",
        "UID SEARCH RETURN (COUNT) ALL    | * ESEARCH (TAG \"A7\") UID COUNT 0"
      })
  void anEmptyResultStillGetsAnEsearchWithoutMinMaxOrAll(String search, String expected) {
    assertThat(answer(nothing(false), search, false)).isEqualTo(expected + "\r\n");
  }

  @Test
  void imap4rev2AnswersEverySearchWithEsearch() {
    assertThat(answer(found(false), "SEARCH ALL", true))
        .isEqualTo("* ESEARCH (TAG \"A7\") ALL 1,3:5\r\n");
    assertThat(answer(found(false), "UID SEARCH ALL", true))
        .isEqualTo("* ESEARCH (TAG \"A7\") UID ALL 10,30,40,50\r\n");
    assertThat(answer(nothing(false), "SEARCH ALL", true)).isEqualTo("* ESEARCH (TAG \"A7\")\r\n");
    assertThat(answer(found(false), "SEARCH RETURN (SAVE) ALL", true)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // only MIN or MAX: the mod-sequence of the message(s) they return (RFC 4731 §3.2)
        "SEARCH RETURN (MIN) MODSEQ 1          | * ESEARCH (TAG \"A7\") MIN 1 MODSEQ 100",
        "SEARCH RETURN (MAX) MODSEQ 1          | * ESEARCH (TAG \"A7\") MAX 5 MODSEQ 300",
        "SEARCH RETURN (MIN MAX) MODSEQ 1      | * ESEARCH (TAG \"A7\") MIN 1 MAX 5 MODSEQ 300",
        // with ALL or COUNT: the highest of all matches
        "SEARCH RETURN (MIN COUNT) MODSEQ 1    | * ESEARCH (TAG \"A7\") MIN 1 COUNT 4 MODSEQ 900",
        "SEARCH RETURN (ALL) MODSEQ 1          | * ESEARCH (TAG \"A7\") ALL 1,3:5 MODSEQ 900",
        "SEARCH MODSEQ 1                       | * ESEARCH (TAG \"A7\") ALL 1,3:5 MODSEQ 900"
      })
  void esearchModSeqFollowsRfc4731(String search, String expected) {
    assertThat(answer(found(true), search, true)).isEqualTo(expected + "\r\n");
  }

  @Test
  void esearchReportsNoModSeqForAnEmptyResult() {
    assertThat(answer(nothing(true), "SEARCH RETURN (COUNT) MODSEQ 1", true))
        .isEqualTo("* ESEARCH (TAG \"A7\") COUNT 0\r\n");
  }

  // ---- SAVE ----

  @ParameterizedTest(name = "{0} saves UIDs {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "SAVE             | 10,30,40,50",
        "SAVE ALL         | 10,30,40,50",
        "SAVE MIN         | 10",
        "SAVE MAX         | 50",
        "SAVE MIN MAX     | 10,50",
        "SAVE MIN COUNT   | 10,30,40,50",
        "SAVE MAX ALL     | 10,30,40,50"
      })
  void savedResultFollowsRfc5182(String options, String uids) {
    EnumSet<SearchReturnOption> set = EnumSet.noneOf(SearchReturnOption.class);
    for (String option : options.split(" ")) {
      set.add(SearchReturnOption.valueOf(option));
    }
    assertThat(found(false).savedResult(set)).hasToString(uids);
  }

  @Test
  void savingNothingSavesTheEmptySet() {
    assertThat(nothing(false).savedResult(EnumSet.of(SearchReturnOption.SAVE,
            SearchReturnOption.MIN)))
        .matches(SequenceSet::isEmpty);
  }

  @Test
  void matchesMustComeInSequenceOrder() {
    SearchResult.Builder builder = new SearchResult.Builder(false).add(3, record(30, 1));
    assertThatThrownBy(() -> builder.add(2, record(20, 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.add(3, record(30, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void manyMatchesCompressIntoRanges() {
    SearchResult.Builder builder = new SearchResult.Builder(false);
    for (int n = 1; n <= 10_000; n++) {
      if (n != 5000) {
        builder.add(n, record(n + 100, 1));
      }
    }
    SearchResult result = builder.build();
    assertThat(result.count()).isEqualTo(9_999);
    assertThat(result.esearchData(false, EnumSet.of(SearchReturnOption.ALL)).all())
        .hasToString("1:4999,5001:10000");
  }
}
