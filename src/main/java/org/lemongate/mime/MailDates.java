package org.lemongate.mime;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lenient parsing of message dates, and the INTERNALDATE of a downloaded message. Never throws:
 * what cannot be understood is absent.
 */
public final class MailDates {

  private static final String[] MONTHS =
      {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  private static final String[] DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

  /** RFC 5322 §4.3 obsolete zones, in minutes east of UTC. */
  private static final Map<String, Integer> ZONES = Map.ofEntries(
      Map.entry("ut", 0), Map.entry("utc", 0), Map.entry("gmt", 0), Map.entry("z", 0),
      Map.entry("edt", -240), Map.entry("est", -300), Map.entry("cdt", -300),
      Map.entry("cst", -360), Map.entry("mdt", -360), Map.entry("mst", -420),
      Map.entry("pdt", -420), Map.entry("pst", -480));

  private static final Pattern ISO_8601 = Pattern.compile(
      "\\s*(\\d{4})-(\\d{1,2})-(\\d{1,2})[T ](\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:[.,]\\d+)?"
          + "\\s*(Z|[+-]\\d{2}:?\\d{2})?.*",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private MailDates() {}

  /**
   * The instant of an RFC 5322 §3.3 date-time, in epoch milliseconds. Accepts the obsolete forms
   * of §4.3 (two- and three-digit years, named and military zones, comments, missing seconds),
   * asctime() dates, ISO 8601 dates, and a missing zone (read as UTC, like "-0000").
   */
  public static OptionalLong parse(String value) {
    Optional<OffsetDateTime> dateTime = dateTime(value);
    return dateTime.isPresent()
        ? OptionalLong.of(dateTime.get().toInstant().toEpochMilli())
        : OptionalLong.empty();
  }

  /**
   * The calendar date of a date-time as it is written, in its own zone, read as leniently as
   * {@link #parse(String)}: what SEARCH SENTBEFORE, SENTON and SENTSINCE compare, "disregarding
   * time and timezone" (RFC 9051 §6.4.4).
   */
  public static Optional<LocalDate> writtenDate(String value) {
    return dateTime(value).map(OffsetDateTime::toLocalDate);
  }

  private static Optional<OffsetDateTime> dateTime(String value) {
    if (value == null) {
      return Optional.empty();
    }
    Optional<OffsetDateTime> usual = UsualForm.read(value);
    if (usual != null) {
      return usual;
    }
    String trimmed = value.strip();
    if (trimmed.length() >= 10 && trimmed.charAt(4) == '-') {
      Matcher iso = ISO_8601.matcher(trimmed);
      if (iso.matches()) {
        return isoDateTime(iso);
      }
    }
    return new Fields().read(tokens(value));
  }

  /**
   * The INTERNALDATE of a message that arrived without one (RFC 9051 §2.3.3): when the last
   * server received it, that is the date of the most recent {@code Received:} field, which is
   * the topmost (RFC 5322 §3.6.7: trace fields are prepended), taken after its last ';'
   * (RFC 5321 §4.4); else the {@code Date:} field; else the arrival time.
   */
  public static long internalDate(byte[] raw, long arrivalMillis) {
    HeaderBlock header = HeaderBlock.parse(raw, 0, raw.length);
    return receivedDate(header.first("Received"))
        .orElse(parse(header.first("Date")).orElse(arrivalMillis));
  }

  /** The date at the end of a Received field's value. */
  static OptionalLong receivedDate(String received) {
    if (received == null) {
      return OptionalLong.empty();
    }
    int semicolon = received.lastIndexOf(';');
    return semicolon < 0 ? OptionalLong.empty() : parse(received.substring(semicolon + 1));
  }

  private static Optional<OffsetDateTime> isoDateTime(Matcher m) {
    int zone = 0;
    String z = m.group(7);
    if (z != null && !z.equalsIgnoreCase("z")) {
      String digits = z.replace(":", "");
      zone = offsetMinutes(digits.charAt(0), Integer.parseInt(digits.substring(1, 3)),
          Integer.parseInt(digits.substring(3, 5)));
    }
    return dateTime(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), zone);
  }

  /**
   * Words of the value: comments dropped, split at white space and commas, with the white space
   * that obs-time allows around colons ("09 : 30") removed.
   */
  private static List<String> tokens(String value) {
    List<String> tokens = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && depth > 0) {
        depth--;
      } else if (depth > 0) {
        continue;
      } else if (c == ':') {
        word.append(c);
        while (i + 1 < value.length() && Character.isWhitespace(value.charAt(i + 1))) {
          i++;
        }
      } else if (Character.isWhitespace(c) || c == ',') {
        if (word.length() > 0 && !nextIsColon(value, i)) {
          tokens.add(word.toString());
          word.setLength(0);
        }
      } else {
        word.append(c);
      }
    }
    if (word.length() > 0) {
      tokens.add(word.toString());
    }
    return tokens;
  }

  private static boolean nextIsColon(String value, int from) {
    for (int i = from; i < value.length(); i++) {
      if (!Character.isWhitespace(value.charAt(i))) {
        return value.charAt(i) == ':';
      }
    }
    return false;
  }

  /** The fields of a date-time, filled from its words in whatever order they come. */
  private static final class Fields {
    int day = -1;
    int month = -1;
    int year = -1;
    int hour = -1;
    int minute;
    int second;
    int zone;

    Optional<OffsetDateTime> read(List<String> tokens) {
      for (String t : tokens) {
        if (t.indexOf(':') > 0 && hour < 0) {
          time(t);
        } else if (isNumericZone(t)) {
          zone = offsetMinutes(t.charAt(0), Integer.parseInt(t.substring(1, 3)),
              Integer.parseInt(t.substring(3)));
        } else if (isDigits(t)) {
          number(t);
        } else {
          word(Octets.lowerAscii(t));
        }
      }
      if (day < 0 || month < 0 || year < 0) {
        return Optional.empty();
      }
      return dateTime(year, month, day, Math.max(hour, 0), minute, second, zone);
    }

    private void time(String t) {
      String[] parts = t.split(":");
      try {
        hour = Integer.parseInt(parts[0]);
        minute = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        second = parts.length > 2 ? Integer.parseInt(withoutFraction(parts[2])) : 0;
      } catch (NumberFormatException e) {
        hour = -1;
      }
    }

    private static String withoutFraction(String seconds) {
      for (int i = 0; i < seconds.length(); i++) {
        if (seconds.charAt(i) == '.' || seconds.charAt(i) == ',') {
          return seconds.substring(0, i);
        }
      }
      return seconds;
    }

    private void number(String t) {
      if (t.length() > 4) {
        return;
      }
      int n = Integer.parseInt(t);
      if (day < 0 && t.length() <= 2 && n >= 1 && n <= 31) {
        day = n;
      } else if (year < 0) {
        // RFC 5322 §4.3: two-digit years below 50 are 20xx, others and three-digit ones 19xx.
        year = t.length() == 4 ? n : t.length() == 3 || n >= 50 ? 1900 + n : 2000 + n;
      }
    }

    private void word(String w) {
      if (w.length() >= 3 && month < 0) {
        for (int m = 0; m < MONTHS.length; m++) {
          if (w.startsWith(MONTHS[m])) {
            month = m + 1;
            return;
          }
        }
      }
      Integer named = ZONES.get(w);
      if (named != null) {
        zone = named;
      }
      // Military zones and unknown names are taken as UTC (RFC 5322 §4.3).
    }
  }

  /**
   * The form nearly every mailer writes, "[Day, ]D Mon YYYY HH:MM[:SS] +hhmm" with at most a
   * comment after it, read by position: two dates a message, every message a sync downloads, and
   * the general reader above allocates a string per word. It accepts only values that reader
   * reads the same way; for any other it returns null, and that reader takes over.
   */
  private static final class UsualForm {
    private final String value;
    private int at;

    private UsualForm(String value) {
      this.value = value;
    }

    static Optional<OffsetDateTime> read(String value) {
      return new UsualForm(value).read();
    }

    private Optional<OffsetDateTime> read() {
      blanks();
      if (at < value.length() && Character.isLetter(value.charAt(at))) {
        if (nameIn(DAYS) < 0 || !next(',')) {
          return null;
        }
        blanks();
      }
      int day = number(1, 2);
      if (day < 1 || day > 31 || blanks() == 0) {
        return null;
      }
      int month = nameIn(MONTHS) + 1;
      if (month == 0 || blanks() == 0) {
        return null;
      }
      int year = number(4, 4);
      if (year < 0 || blanks() == 0) {
        return null;
      }
      int hour = number(2, 2);
      int minute = next(':') ? number(2, 2) : -1;
      int second = next(':') ? number(2, 2) : 0;
      if (hour < 0 || minute < 0 || second < 0 || blanks() == 0 || at >= value.length()) {
        return null;
      }
      char sign = value.charAt(at++);
      int zone = number(4, 4);
      if ((sign != '+' && sign != '-') || zone < 0 || !onlyACommentLeft()) {
        return null;
      }
      return dateTime(year, month, day, hour, minute, second, offsetMinutes(sign, zone / 100, zone % 100));
    }

    /** Skips spaces and tabs; returns how many. */
    private int blanks() {
      int start = at;
      while (at < value.length() && (value.charAt(at) == ' ' || value.charAt(at) == '\t')) {
        at++;
      }
      return at - start;
    }

    private boolean next(char c) {
      if (at < value.length() && value.charAt(at) == c) {
        at++;
        return true;
      }
      return false;
    }

    /** A number of {@code min} to {@code max} digits, not followed by another digit; -1 otherwise. */
    private int number(int min, int max) {
      int start = at;
      int n = 0;
      while (at < value.length() && at - start < max && value.charAt(at) >= '0' && value.charAt(at) <= '9') {
        n = n * 10 + value.charAt(at++) - '0';
      }
      boolean moreDigits = at < value.length() && value.charAt(at) >= '0' && value.charAt(at) <= '9';
      return at - start >= min && !moreDigits ? n : -1;
    }

    /** The index of the three-letter name here (any case), followed by no further letter; -1 otherwise. */
    private int nameIn(String[] names) {
      if (at + 3 > value.length() || (at + 3 < value.length() && Character.isLetter(value.charAt(at + 3)))) {
        return -1;
      }
      for (int i = 0; i < names.length; i++) {
        if (value.regionMatches(true, at, names[i], 0, 3)) {
          at += 3;
          return i;
        }
      }
      return -1;
    }

    /** Nothing but blanks, or one comment (nested parentheses allowed) between blanks. */
    private boolean onlyACommentLeft() {
      blanks();
      if (next('(')) {
        int depth = 1;
        while (depth > 0 && at < value.length()) {
          char c = value.charAt(at++);
          depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        }
        if (depth > 0) {
          return false;
        }
        blanks();
      }
      return at == value.length();
    }
  }

  private static int offsetMinutes(char sign, int hours, int minutes) {
    if (hours > 18 || minutes > 59) {
      return 0;
    }
    int offset = hours * 60 + minutes;
    return sign == '-' ? -offset : offset;
  }

  private static Optional<OffsetDateTime> dateTime(int year, int month, int day, int hour,
      int minute, int second, int zone) {
    try {
      LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, Math.min(second, 59));
      return Optional.of(OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(zone * 60)));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** {@code +hhmm} or {@code -hhmm}. */
  private static boolean isNumericZone(String t) {
    return (t.startsWith("+") || t.startsWith("-")) && t.length() == 5 && isDigits(t.substring(1));
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
