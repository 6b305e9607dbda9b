package org.lemongate.imap.fetch;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The one zone in which Lemongate shows and compares INTERNALDATE: UTC.
 *
 * <p>The store keeps an internal date as an instant only; the zone the message arrived in is not
 * known. UTC gives the same answer on every host, and FETCH INTERNALDATE and SEARCH BEFORE, ON
 * and SINCE use the same day boundaries, so the date a client sees is the date it searches by
 * (RFC 9051 §6.4.4 compares "disregarding time and timezone").
 */
public final class InternalDates {

  public static final ZoneOffset ZONE = ZoneOffset.UTC;

  private InternalDates() {}

  /** The internal date as FETCH INTERNALDATE shows it. */
  public static OffsetDateTime dateTime(long epochMillis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZONE);
  }

  /** The calendar day of the internal date, as SEARCH BEFORE, ON and SINCE compare it. */
  public static LocalDate day(long epochMillis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZONE);
  }
}
