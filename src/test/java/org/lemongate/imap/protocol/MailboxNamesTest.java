package org.lemongate.imap.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MailboxNamesTest {

  @ParameterizedTest(name = "{0} <-> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "INBOX|INBOX",
        "Entwürfe|Entw&APw-rfe",
        "&|&-",
        "A&B|A&-B",
        "~peter/mail/台北/日本語|~peter/mail/&U,BTFw-/&ZeVnLIqe-", // RFC 3501 §5.1.3
        "Ünïcödé|&ANw-n&AO8-c&APY-d&AOk-",
        "😀 smile|&2D3eAA- smile",
        "a\tb|a&AAk-b",
        "''|''"
      })
  void encodesAndDecodes(String name, String wire) {
    assertThat(MailboxNames.encode(name)).isEqualTo(wire);
    assertThat(MailboxNames.decode(wire)).isEqualTo(name);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "&|without closing '-'",
        "Entw&APw|without closing '-'",
        "&AGE-|printable US-ASCII 'a' must not be encoded",
        "&APw-&APw-|two encoded runs in a row",
        "&A*E-|'*' is not modified base64",
        "&AOF-|does not end on a UTF-16 boundary",
        "&AOEA-|does not end on a UTF-16 boundary",
        "&2D0-|broken UTF-16 surrogate pair",
        "&3gA-|broken UTF-16 surrogate pair",
        "Entwürfe|character U+00FC must be encoded",
        "a\u0001b|character U+0001 must be encoded"
      })
  void rejectsMalformedModifiedUtf7(String wire, String reason) {
    assertThatThrownBy(() -> MailboxNames.decode(wire))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "inbox|INBOX",
        "InBoX|INBOX",
        "INBOX|INBOX",
        "inbox/Sent|INBOX/Sent",
        "INBOXES|INBOXES",
        "inboxes/x|inboxes/x",
        "Archive/inbox|Archive/inbox"
      })
  void normalisesInboxAtTheRoot(String name, String normalised) {
    assertThat(MailboxNames.normalizeInbox(name)).isEqualTo(normalised);
  }

  @Test
  void utf8SessionsTakeNamesAsTheyAre() {
    assertThat(MailboxNames.fromWire("Entwürfe", true)).isEqualTo("Entwürfe");
    assertThat(MailboxNames.fromWire("&APw-", true)).isEqualTo("&APw-");
    assertThat(MailboxNames.fromWire("&APw-", false)).isEqualTo("ü");
    assertThat(MailboxNames.fromWire("inbox", true)).isEqualTo("INBOX");
    assertThat(MailboxNames.toWire("ü", true)).isEqualTo("ü");
    assertThat(MailboxNames.toWire("ü", false)).isEqualTo("&APw-");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|empty",
        "a//b|empty hierarchy level",
        "/a|empty hierarchy level",
        "a/|ends with /",
        "a\u0001b|control character",
        "a\u0085b|control character"
      })
  void findsUnusableNames(String name, String problem) {
    assertThat(MailboxNames.problem(name)).contains(problem);
  }

  /** Property: any Unicode name survives encode and decode, and its encoding is printable ASCII. */
  @Test
  void randomNamesRoundTrip() {
    Random random = new Random(3501);
    int[] alphabet = {'a', 'Z', '&', '-', '/', ' ', '~', 0x7f, 0x09, 0xe4, 0x3b1, 0x65e5, 0x1f600};
    for (int round = 0; round < 2000; round++) {
      StringBuilder name = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        name.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
      }
      String wire = MailboxNames.encode(name.toString());
      assertThat(wire.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)).as(wire).isTrue();
      assertThat(MailboxNames.decode(wire)).isEqualTo(name.toString());
    }
  }

  @Test
  void acceptsUsableNames() {
    assertThat(MailboxNames.problem("Work/Project Ü")).isNull();
    assertThat(MailboxNames.problem("INBOX")).isNull();
  }
}
