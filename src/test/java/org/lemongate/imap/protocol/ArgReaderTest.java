package org.lemongate.imap.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reader's primitives; whole commands are covered by CommandParserTest. */
class ArgReaderTest {

  static ArgReader reader(String text) {
    return new ArgReader(CommandFrame.of(text), 3, false);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "abc|abc",
        "a]b|a]b",
        "\"a b\"|a b",
        "\"\"|''",
        "\"q\\\"q\\\\\"|q\"q\\",
        "\"{5}\"|{5}"
      })
  void readsAstrings(String wire, String value) {
    ArgReader r = reader(wire);
    assertThat(r.astring("value")).isEqualTo(value);
    assertThat(r.atEnd()).isTrue();
  }

  @Test
  void readsNumbersWithinTheirRanges() {
    assertThat(reader("4294967295").number("n")).isEqualTo(4294967295L);
    assertThatThrownBy(() -> reader("4294967296").number("n")).hasMessage("n is too large");
    assertThat(reader("9223372036854775807").number64("m")).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> reader("9223372036854775808").number64("m"))
        .hasMessage("m is too large");
    assertThatThrownBy(() -> reader("0").nzNumber("n")).hasMessage("n must not be 0");
    assertThatThrownBy(() -> reader("x").number("n")).hasMessage("expected a number for n");
  }

  @Test
  void readsNstringAndNil() {
    ArgReader r = reader("NIL \"x\" nil");
    assertThat(r.nstring("a")).isNull();
    r.sp("");
    assertThat(r.nstring("b")).isEqualTo("x");
    r.sp("");
    assertThat(r.nstring("c")).isNull();
  }

  @Test
  void keywordsStopAtBrackets() {
    ArgReader r = reader("body.peek[");
    assertThat(r.keyword("item")).isEqualTo("BODY.PEEK");
    assertThat(r.peek()).isEqualTo('[');
    assertThat(reader("NILS").skipKeyword("NIL")).isFalse();
  }

  @Test
  void listsAreBoundedByTheNestingLimit() {
    ArgReader r = reader("((()))");
    r.beginList("a");
    r.beginList("b");
    r.beginList("c");
    assertThat(r.moreInList(true, "c")).isFalse();
    ArgReader deep = reader("((((");
    deep.beginList("1");
    deep.beginList("2");
    deep.beginList("3");
    assertThatThrownBy(() -> deep.beginList("4")).hasMessage("nesting too deep (limit 3)");
  }

  @Test
  void readsDates() {
    assertThat(reader("1-feb-2024").date("d")).isEqualTo(LocalDate.of(2024, 2, 1));
    assertThat(reader("\"29-Feb-2024\"").date("d")).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThatThrownBy(() -> reader("29-Feb-2023").date("d")).hasMessageContaining("no such date");
    assertThat(reader("\"17-Jul-1996 02:44:25 -0700\"").dateTime("t"))
        .isEqualTo(OffsetDateTime.of(1996, 7, 17, 2, 44, 25, 0, ZoneOffset.ofHours(-7)));
    assertThat(reader("\" 7-Jul-1996 23:59:60 +0000\"").dateTime("t"))
        .isEqualTo(OffsetDateTime.of(1996, 7, 7, 23, 59, 59, 0, ZoneOffset.UTC));
    assertThatThrownBy(() -> reader("\"17-Jul-1996 24:00:00 +0000\"").dateTime("t"))
        .hasMessageContaining("invalid time");
    assertThatThrownBy(() -> reader("\"17-Jul-1996 02:44:25 0700\"").dateTime("t"))
        .hasMessageContaining("expected + or -");
    assertThatThrownBy(() -> reader("17-Jul-1996").dateTime("t"))
        .hasMessage("expected a quoted date-time for t");
  }

  @Test
  void formatsInternalDates() {
    assertThat(
            ImapDates.formatDateTime(
                OffsetDateTime.of(2024, 12, 31, 23, 0, 1, 0, ZoneOffset.ofHoursMinutes(5, 45))))
        .isEqualTo("31-Dec-2024 23:00:01 +0545");
  }

  @Test
  void flagsAreCanonicalAndCaseInsensitive() {
    ArgReader r = reader("(\\SEEN $Junk \\deleted)");
    assertThat(r.flagList()).containsExactly(Flag.SEEN, new Flag("$junk"), Flag.DELETED);
    assertThat(new Flag("\\answered").name()).isEqualTo("\\Answered");
    assertThat(new Flag("$Junk")).isEqualTo(new Flag("$JUNK"));
    assertThat(new Flag("$Junk").hashCode()).isEqualTo(new Flag("$JUNK").hashCode());
    assertThatThrownBy(() -> new Flag("a b")).isInstanceOf(IllegalArgumentException.class);
    assertThat(List.of(Flag.ANY_KEYWORD.name())).containsExactly("\\*");
  }
}
