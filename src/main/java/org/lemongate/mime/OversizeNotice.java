package org.lemongate.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The message a mailbox shows in place of one too large to mirror: the original's header fields,
 * so that it sorts, threads and is found like the original, its subject marked, and a short
 * plain-text body that says what happened and where the message is. The fields that describe the
 * original's body (MIME-Version, Content-*) are left out, since the body is the notice's own.
 */
public final class OversizeNotice {
  /** Whatever a mail client shows in the message list; ASCII, so it goes before any encoded-word. */
  public static final String SUBJECT_MARK = "[Too large to show]";
  /** Names the notice for operators and for tests, whatever the original's fields. */
  public static final String NOTICE_FIELD = "X-Lemongate-Notice";
  /** At most this many bytes of the original's header are kept; the fields after them are left out. */
  static final int MAX_HEADER_BYTES = 64 * 1024;

  private static final DateTimeFormatter RFC_5322_DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

  private OversizeNotice() {
  }

  /**
   * @param originalHeader the original's header block as TOP n 0 sent it (CRLF line ends), or null
   *                       when the server would not send it
   * @param size           the original's size as LIST gave it; not over {@code limit} if LIST
   *                       understated it (the notice then says only that it is over the limit)
   * @param limit          the largest message the gateway mirrors
   * @param arrival        the Date of a notice without the original's header
   */
  public static byte[] compose(byte[] originalHeader, long size, long limit, ZonedDateTime arrival) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    write(out, NOTICE_FIELD + ": too large to mirror\r\n");
    if (originalHeader == null) {
      write(out, "From: Mail gateway <postmaster@lemongate.invalid>\r\n");
      write(out, "Date: " + RFC_5322_DATE.format(arrival) + "\r\n");
      write(out, "Subject: " + SUBJECT_MARK + " a message of " + sizeWords(size, limit) + "\r\n");
    } else {
      copyFields(originalHeader, out);
    }
    write(out, "MIME-Version: 1.0\r\n");
    write(out, "Content-Type: text/plain; charset=us-ascii\r\n");
    write(out, "Content-Transfer-Encoding: 7bit\r\n");
    write(out, "\r\n");
    write(out, "This message is too large for the mail gateway, which keeps copies of\r\n"
        + "messages of up to " + megabytes(limit) + "; this one is " + sizeWords(size, limit) + ".\r\n"
        + "\r\n"
        + "The message is still on your mail server. To read it, use your mail\r\n"
        + "provider's webmail, or a mail program that reads the server by POP3.\r\n"
        + "\r\n"
        + "Deleting this notice deletes the message from the mail server too.\r\n");
    return out.toByteArray();
  }

  /** The original's fields but those about its body, the subject marked, up to {@link #MAX_HEADER_BYTES}. */
  private static void copyFields(byte[] header, ByteArrayOutputStream out) {
    boolean subjectMarked = false;
    int kept = 0;
    for (HeaderField field : HeaderBlock.parse(header, 0, header.length).fields()) {
      String name = field.name();
      if (!field.hasColon() || name.regionMatches(true, 0, "Content-", 0, 8)
          || name.equalsIgnoreCase("MIME-Version") || name.equalsIgnoreCase(NOTICE_FIELD)) {
        continue;
      }
      kept += field.end() - field.start();
      if (kept > MAX_HEADER_BYTES) {
        break;
      }
      if (field.hasName("Subject") && !subjectMarked) {
        subjectMarked = true;
        write(out, "Subject: " + SUBJECT_MARK + " ");
        int valueStart = field.valueStart();
        while (valueStart < field.end() && Octets.isWsp(header[valueStart])) {
          valueStart++;
        }
        out.write(header, valueStart, field.end() - valueStart);
      } else {
        out.write(header, field.start(), field.end() - field.start());
      }
      if (header[field.end() - 1] != '\n') {
        write(out, "\r\n");
      }
    }
    if (!subjectMarked) {
      write(out, "Subject: " + SUBJECT_MARK + "\r\n");
    }
  }

  private static String sizeWords(long size, long limit) {
    return size > limit ? megabytes(size) : "over " + megabytes(limit);
  }

  /** In the megabytes mail programs show: 2^20 bytes. */
  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }

  private static void write(ByteArrayOutputStream out, String ascii) {
    out.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII));
  }
}
