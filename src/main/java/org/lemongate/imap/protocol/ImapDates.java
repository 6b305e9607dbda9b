package org.lemongate.imap.protocol;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * IMAP's two date formats (RFC 9051 §9): {@code date} as in {@code 1-Feb-2024} (SEARCH) and
 * {@code date-time} as in {@code "01-Feb-2024 13:05:09 +0100"} (APPEND, INTERNALDATE).
 */
public final class ImapDates {
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private ImapDates() {}

  /**
   * Parses date-text: {@code date-day "-" date-month "-" date-year}, 1 or 2 day digits, month
   * case-insensitive.
   *
   * @throws IllegalArgumentException with the reason
   */
  public static LocalDate parseDate(CharSequence text) {
    Cursor c = new Cursor(text);
    LocalDate date = c.date();
    c.expectEnd();
    return date;
  }

  /**
   * Parses the inside of a date-time's quotes: {@code date-day-fixed "-" date-month "-" date-year
   * SP time SP zone}. The day may be 2 digits, SP and a digit, or (leniently) 1 digit. A leap
   * second becomes :59.
   *
   * @throws IllegalArgumentException with the reason
   */
  public static OffsetDateTime parseDateTime(CharSequence text) {
    Cursor c = new Cursor(text);
    c.skip(' ');
    LocalDate date = c.date();
    c.expect(' ');
    int hour = c.digits(2, "hour");
    c.expect(':');
    int minute = c.digits(2, "minute");
    c.expect(':');
    int second = c.digits(2, "second");
    c.expect(' ');
    int sign = c.skip('+') ? 1 : c.skip('-') ? -1 : 0;
    if (sign == 0) {
      throw new IllegalArgumentException("expected + or - before the time zone in " + text);
    }
    int zoneHours = c.digits(2, "zone hours");
    int zoneMinutes = c.digits(2, "zone minutes");
    c.expectEnd();
    if (hour > 23 || minute > 59 || second > 60 || zoneMinutes > 59) {
      throw new IllegalArgumentException("invalid time in " + text);
    }
    try {
      ZoneOffset zone = ZoneOffset.ofHoursMinutes(sign * zoneHours, sign * zoneMinutes);
      return OffsetDateTime.of(
          date.getYear(),
          date.getMonthValue(),
          date.getDayOfMonth(),
          hour,
          minute,
          Math.min(second, 59),
          0,
          zone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("invalid time zone in " + text);
    }
  }

  /** Formats a date-time without its quotes: {@code 01-Feb-2024 13:05:09 +0100}. */
  public static String formatDateTime(OffsetDateTime t) {
    StringBuilder sb = new StringBuilder(26);
    twoDigits(sb, t.getDayOfMonth()).append('-').append(MONTHS[t.getMonthValue() - 1]).append('-');
    sb.append(t.getYear()).append(' ');
    twoDigits(sb, t.getHour()).append(':');
    twoDigits(sb, t.getMinute()).append(':');
    twoDigits(sb, t.getSecond()).append(' ');
    int offsetMinutes = t.getOffset().getTotalSeconds() / 60;
    sb.append(offsetMinutes < 0 ? '-' : '+');
    twoDigits(sb, Math.abs(offsetMinutes) / 60);
    return twoDigits(sb, Math.abs(offsetMinutes) % 60).toString();
  }

  private static StringBuilder twoDigits(StringBuilder sb, int value) {
    return sb.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  private static final class Cursor {
    private final CharSequence text;
    private int pos;

    Cursor(CharSequence text) {
      this.text = text;
    }

    LocalDate date() {
      int day = digits(1, "day");
      if (pos < text.length() && isDigit(text.charAt(pos))) {
        day = day * 10 + digits(1, "day");
      }
      expect('-');
      int month = month();
      expect('-');
      int year = digits(4, "year");
      try {
        return LocalDate.of(year, month, day);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("no such date: " + text);
      }
    }

    int month() {
      if (pos + 3 <= text.length()) {
        String name = text.subSequence(pos, pos + 3).toString();
        for (int m = 0; m < MONTHS.length; m++) {
          if (MONTHS[m].equalsIgnoreCase(name)) {
            pos += 3;
            return m + 1;
          }
        }
      }
      throw new IllegalArgumentException("expected a month (Jan to Dec) in " + text);
    }

    int digits(int count, String what) {
      int value = 0;
      for (int i = 0; i < count; i++) {
        if (pos >= text.length() || !isDigit(text.charAt(pos))) {
          throw new IllegalArgumentException(
              "expected " + count + " digits of " + what + " in " + text);
        }
        value = value * 10 + (text.charAt(pos++) - '0');
      }
      return value;
    }

    static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    boolean skip(char c) {
      if (pos < text.length() && text.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    void expect(char c) {
      if (!skip(c)) {
        throw new IllegalArgumentException("expected '" + c + "' in date " + text);
      }
    }

    void expectEnd() {
      if (pos != text.length()) {
        throw new IllegalArgumentException("unexpected text after date in " + text);
      }
    }
  }
}
