package org.lemongate.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lemongate.mime.TestMessages.load;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MailDatesTest {

  private static String iso(OptionalLong millis) {
    return millis.isPresent() ? Instant.ofEpochMilli(millis.getAsLong()).toString() : "none";
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Tue, 14 May 2024 09:30:55 +0200            | 2024-05-14T07:30:55Z",
      "14 May 2024 09:30:55 +0200                 | 2024-05-14T07:30:55Z",
      "Tue, 14 May 2024 09:30 +0200               | 2024-05-14T07:30:00Z",
      "Tue, 14 May 2024 09:30:55 -0000            | 2024-05-14T09:30:55Z",
      "Tue, 14 May 2024 09:30:55                  | 2024-05-14T09:30:55Z",
      "Tue, 14 May 2024 09:30:55 GMT              | 2024-05-14T09:30:55Z",
      "Tue, 14 May 2024 09:30:55 EDT              | 2024-05-14T13:30:55Z",
      "Tue, 14 May 2024 09:30:55 PST              | 2024-05-14T17:30:55Z",
      "Tue, 14 May 2024 09:30:55 Z                | 2024-05-14T09:30:55Z",
      "Tue, 14 May 2024 09:30:55 +0200 (CEST)     | 2024-05-14T07:30:55Z",
      "Tue,14 May 2024 09:30:55 +0200 (C (S) T)   | 2024-05-14T07:30:55Z",
      "Tue, 14 May 2024 09:30:55 +0200 (unclosed  | 2024-05-14T07:30:55Z",
      "Tue, 14 May 2024 09:30:55 +0200 GMT        | 2024-05-14T09:30:55Z",
      "Tue, 14 May 2024 09:30:55.250 +0200        | 2024-05-14T07:30:55Z",
      "Tue, 14 January 2024 09:30:55 +0200        | 2024-01-14T07:30:55Z",
      "Tue, 14 May 20245 09:30:55 +0200           | none",
      "(comment) Tue ,  14  May 2024 09 : 30 : 55 | 2024-05-14T09:30:55Z",
      "Tue, 14 May 24 09:30:55 +0000              | 2024-05-14T09:30:55Z",
      "Fri, 13 Jun 97 22:00:00 +0000              | 1997-06-13T22:00:00Z",
      "Fri, 13 Jun 104 22:00:00 +0000             | 2004-06-13T22:00:00Z",
      "tuesday, 14 MAY 2024 9:30:55 +0200         | 2024-05-14T07:30:55Z",
      "Tue May 14 09:30:55 2024                   | 2024-05-14T09:30:55Z",
      "2024-05-14T09:30:55+02:00                  | 2024-05-14T07:30:55Z",
      "2024-05-14 09:30:55                        | 2024-05-14T09:30:55Z",
      "Tue, 14 May 2024 09:30:60 +0000            | 2024-05-14T09:30:59Z",
      "Tue, 31 Feb 2024 09:30:55 +0000            | none",
      "Tue, 14 May 2024 25:30:55 +0000            | none",
      "Tue, 14 May 2024 09:30:55 +9999            | 2024-05-14T09:30:55Z",
      "garbage                                    | none",
      "''                                         | none",
      "14 2024                                    | none"})
  void parsesLeniently(String value, String expected) {
    assertThat(iso(MailDates.parse(value))).isEqualTo(expected);
  }

  /** The form nearly every mailer writes, which has a reader of its own, over many dates and zones. */
  @Test
  void readsTheUsualFormForAnyDateAndZone() {
    DateTimeFormatter usual = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss xx", Locale.ENGLISH);
    Random random = new Random(5322);
    for (int i = 0; i < 2_000; i++) {
      Instant instant = Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE));
      ZoneOffset zone = ZoneOffset.ofTotalSeconds((random.nextInt(28 * 4) - 12 * 4) * 15 * 60);
      String written = usual.format(instant.atOffset(zone));
      assertThat(MailDates.parse(written)).as(written).hasValue(instant.toEpochMilli());
      assertThat(MailDates.parse(written + " (comment)")).as(written).hasValue(instant.toEpochMilli());
    }
  }

  @Test
  void nullIsAbsent() {
    assertThat(MailDates.parse(null)).isEmpty();
    assertThat(MailDates.writtenDate(null)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Mon, 13 May 2024 23:30:00 -0700   | 2024-05-13",
      "Tue, 14 May 2024 00:10:00 +1400   | 2024-05-14",
      "2024-05-14T23:59:59-12:00         | 2024-05-14",
      "Tue, 31 Feb 2024 09:30:55 +0000   | none",
      "garbage                           | none"})
  void writtenDateIsTheDayInTheDatesOwnZone(String value, String expected) {
    assertThat(MailDates.writtenDate(value).map(Object::toString).orElse("none"))
        .isEqualTo(expected);
  }

  @Test
  void internalDateIsTheTopmostReceivedField() {
    // plain.eml: the POP server's Received (09:31:07 +0200) is above the sender's (07:30:59 UTC).
    assertThat(Instant.ofEpochMilli(MailDates.internalDate(load("plain.eml"), 0)))
        .isEqualTo(Instant.parse("2024-05-14T07:31:07Z"));
    assertThat(Instant.ofEpochMilli(MessageSummary.parse(load("plain.eml")).internalDate(0)))
        .isEqualTo(Instant.parse("2024-05-14T07:31:07Z"));
  }

  @Test
  void internalDateFallsBackToDateThenArrival() {
    assertThat(Instant.ofEpochMilli(MailDates.internalDate(load("groups.eml"), 0)))
        .isEqualTo(Instant.parse("2024-05-18T12:00:00Z"));
    long arrival = 1_700_000_000_000L;
    assertThat(MailDates.internalDate(load("headers-only.eml"), arrival)).isEqualTo(arrival);
    assertThat(MailDates.internalDate(load("empty.eml"), arrival)).isEqualTo(arrival);
    byte[] unreadable = "Received: from x by y; not a date\r\nDate: neither\r\n\r\n".getBytes();
    assertThat(MailDates.internalDate(unreadable, arrival)).isEqualTo(arrival);
    assertThat(MessageSummary.parse(unreadable).internalDate(arrival)).isEqualTo(arrival);
  }

  @Test
  void receivedDateIsAfterTheLastSemicolon() {
    assertThat(iso(MailDates.receivedDate("from a (b; c) by d; id x; Tue, 14 May 2024 09:31:07 +0200")))
        .isEqualTo("2024-05-14T07:31:07Z");
    assertThat(MailDates.receivedDate("from a by b with SMTP")).isEmpty();
  }
}
