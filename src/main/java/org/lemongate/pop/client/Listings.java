package org.lemongate.pop.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lemongate.bytes.ByteScan;

/** Parses the answers to STAT, LIST, UIDL and CAPA, rejecting anything that is not well formed. */
final class Listings {
  /**
   * RFC 1939 section 7 allows 1 to 70 characters; a few servers use longer ids, so up to 255 are
   * accepted (the store keys messages by this string, so it must stay bounded).
   */
  static final int MAX_UID_LENGTH = 255;

  private Listings() {
  }

  /** {@code +OK nn mm} (RFC 1939 section 5, STAT). */
  static MaildropStatus status(String text) throws ProtocolViolation {
    String[] fields = firstTwoFields(text);
    if (fields == null) {
      throw ProtocolViolation.of("answered STAT without a drop listing: " + ServerText.quote(text));
    }
    return new MaildropStatus(messageNumber(fields[0], "STAT", true), octets(fields[1], "STAT"));
  }

  static List<MessageSize> sizes(byte[] body) throws ProtocolViolation {
    List<MessageSize> sizes = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    for (String line : lines(body)) {
      String[] fields = twoFields(line, "LIST");
      MessageSize size = new MessageSize(messageNumber(fields[0], "LIST", false), octets(fields[1], "LIST"));
      if (!seen.add(size.number())) {
        throw ProtocolViolation.of("listed message " + size.number() + " twice in answer to LIST");
      }
      sizes.add(size);
    }
    return sizes;
  }

  /** RFC 1939 section 7: unique-ids are unique within the maildrop, or they cannot identify anything. */
  static List<MessageUid> uids(byte[] body) throws ProtocolViolation {
    List<MessageUid> uids = new ArrayList<>();
    Map<String, Integer> numberOfUid = new HashMap<>();
    Set<Integer> seen = new HashSet<>();
    for (String line : lines(body)) {
      String[] fields = twoFields(line, "UIDL");
      MessageUid uid = new MessageUid(messageNumber(fields[0], "UIDL", false), uniqueId(fields[1]));
      if (!seen.add(uid.number())) {
        throw ProtocolViolation.of("listed message " + uid.number() + " twice in answer to UIDL");
      }
      Integer earlier = numberOfUid.putIfAbsent(uid.uid(), uid.number());
      if (earlier != null) {
        throw ProtocolViolation.of("gave messages " + earlier + " and " + uid.number()
            + " the same unique-id " + ServerText.quote(uid.uid()) + " in answer to UIDL");
      }
      uids.add(uid);
    }
    return uids;
  }

  /** LIST and UIDL of one session must describe the same messages. */
  static List<MessageInfo> join(List<MessageSize> sizes, List<MessageUid> uids) throws ProtocolViolation {
    Map<Integer, String> uidOfNumber = new HashMap<>();
    uids.forEach(uid -> uidOfNumber.put(uid.number(), uid.uid()));
    if (sizes.size() != uids.size()) {
      throw ProtocolViolation.of("listed " + sizes.size() + " messages in answer to LIST but "
          + uids.size() + " in answer to UIDL");
    }
    List<MessageInfo> messages = new ArrayList<>(sizes.size());
    for (MessageSize size : sizes) {
      String uid = uidOfNumber.get(size.number());
      if (uid == null) {
        throw ProtocolViolation.of("listed message " + size.number() + " in answer to LIST but not to UIDL");
      }
      messages.add(new MessageInfo(size.number(), size.octets(), uid));
    }
    return messages;
  }

  static Capabilities capabilities(byte[] body) {
    return new Capabilities(lines(body).stream().filter(line -> !line.isBlank()).toList());
  }

  /** The lines of a listing body, which ends in CRLF (the reader makes every line end so). */
  private static List<String> lines(byte[] body) {
    List<String> lines = new ArrayList<>();
    for (int start = 0; start < body.length; ) {
      int lineFeed = ByteScan.indexOf(body, (byte) '\n', start, body.length);
      int end = lineFeed < 0 ? body.length : lineFeed - 1;
      lines.add(new String(body, start, end - start, StandardCharsets.ISO_8859_1));
      start = end + 2;
    }
    return lines;
  }

  /** Extra fields after the first two are allowed (RFC 1939 section 5 leaves room for them). */
  private static String[] twoFields(String line, String command) throws ProtocolViolation {
    String[] fields = firstTwoFields(line);
    if (fields == null) {
      throw ProtocolViolation.of("sent a malformed line in answer to " + command + ": " + ServerText.quote(line));
    }
    return fields;
  }

  /**
   * The first two fields of a line, separated by one or more spaces, or null when it has fewer.
   * By hand rather than with a regular expression: a listing has a line per message, two per sync.
   */
  private static String[] firstTwoFields(String line) {
    String trimmed = line.trim();
    int firstEnd = trimmed.indexOf(' ');
    if (firstEnd < 0) {
      return null;
    }
    int secondStart = firstEnd + 1;
    while (trimmed.charAt(secondStart) == ' ') {
      secondStart++; // stops at the end at the latest: trim() left no space there
    }
    int secondEnd = trimmed.indexOf(' ', secondStart);
    return new String[] {trimmed.substring(0, firstEnd),
        trimmed.substring(secondStart, secondEnd < 0 ? trimmed.length() : secondEnd)};
  }

  private static int messageNumber(String field, String command, boolean zeroAllowed) throws ProtocolViolation {
    try {
      int number = Integer.parseInt(field);
      if (number > 0 || (zeroAllowed && number == 0)) {
        return number;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw ProtocolViolation.of("sent an invalid message number in answer to " + command + ": "
        + ServerText.quote(field));
  }

  private static long octets(String field, String command) throws ProtocolViolation {
    try {
      long octets = Long.parseLong(field);
      if (octets >= 0) {
        return octets;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw ProtocolViolation.of("sent an invalid size in answer to " + command + ": " + ServerText.quote(field));
  }

  private static String uniqueId(String field) throws ProtocolViolation {
    boolean printable = true;
    for (int i = 0; i < field.length(); i++) {
      printable &= field.charAt(i) >= 0x21 && field.charAt(i) <= 0x7e;
    }
    if (!printable || field.length() > MAX_UID_LENGTH) {
      throw ProtocolViolation.of("sent an invalid unique-id in answer to UIDL: " + ServerText.quote(field));
    }
    return field;
  }
}
