package org.lemongate.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** The notice shown in place of a message too large to mirror, as a mail client will read it. */
class OversizeNoticeTest {
  private static final long LIMIT = 64L << 20;
  private static final ZonedDateTime ARRIVAL = ZonedDateTime.of(2026, 11, 27, 15, 4, 5, 0, ZoneOffset.UTC);

  private static byte[] crlf(String text) {
    return text.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String text(byte[] message) {
    return new String(message, StandardCharsets.ISO_8859_1);
  }

  @Test
  void keepsTheOriginalsFieldsButThoseOfItsBodyAndMarksTheSubject() {
    byte[] header = crlf("Received: from mx by pop; Mon, 2 Nov 2026 08:00:00 +0100\n"
        + "From: =?UTF-8?Q?J=C3=BCrgen?= <j@example.de>\n"
        + "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= and\n the holiday photos\n"
        + "Date: Mon, 2 Nov 2026 07:59:00 +0100\n"
        + "Message-ID: <big@example.de>\n"
        + "MIME-Version: 1.0\n"
        + "Content-Type: multipart/mixed;\n boundary=xyz\n"
        + "content-transfer-encoding: 7bit\n\n");

    byte[] notice = OversizeNotice.compose(header, 80L << 20, LIMIT, ARRIVAL);
    MessageSummary summary = MessageSummary.parse(notice);

    assertThat(summary.subject()).isEqualTo("[Too large to show] Grüße and the holiday photos");
    assertThat(summary.from()).contains("Jürgen");
    assertThat(summary.envelope().messageId()).isEqualTo("<big@example.de>");
    assertThat(summary.internalDate(0)).isEqualTo(ZonedDateTime.of(2026, 11, 2, 7, 0, 0, 0, ZoneOffset.UTC)
        .toInstant().toEpochMilli());
    assertThat(summary.root().type()).isEqualToIgnoringCase("text");
    assertThat(summary.root().subtype()).isEqualToIgnoringCase("plain");
    assertThat(text(notice)).doesNotContain("multipart", "boundary=xyz")
        .containsOnlyOnce("MIME-Version").contains("X-Lemongate-Notice: too large to mirror\r\n")
        .contains("this one is 80.0 MB", "up to 64.0 MB", "still on your mail server",
            "Deleting this notice deletes the message from the mail server too.");
  }

  @Test
  void aHeaderWithoutSubjectGetsTheMarkAlone() {
    byte[] notice = OversizeNotice.compose(crlf("From: a@example.org\n\n"), 70L << 20, LIMIT, ARRIVAL);

    assertThat(MessageSummary.parse(notice).subject()).isEqualTo("[Too large to show]");
  }

  @Test
  void withoutTheHeaderTheNoticeSaysWhatItKnows() {
    byte[] notice = OversizeNotice.compose(null, 100, LIMIT, ARRIVAL);
    MessageSummary summary = MessageSummary.parse(notice);

    // LIST said 100 bytes, yet the message crossed the limit: only "over the limit" is known.
    assertThat(summary.subject()).isEqualTo("[Too large to show] a message of over 64.0 MB");
    assertThat(summary.internalDate(0)).isEqualTo(ARRIVAL.toInstant().toEpochMilli());
    assertThat(text(notice)).contains("Date: Fri, 27 Nov 2026 15:04:05 +0000\r\n", "this one is over 64.0 MB");
  }

  @Test
  void aHugeHeaderIsCutAtAFieldBoundary() {
    StringBuilder header = new StringBuilder("Subject: many\n");
    for (int i = 0; i < 2_000; i++) {
      header.append("X-Pad-").append(i).append(": ").append("p".repeat(60)).append('\n');
    }
    byte[] notice = OversizeNotice.compose(crlf(header + "\n"), 70L << 20, LIMIT, ARRIVAL);
    String text = text(notice);

    assertThat(notice.length).isLessThan(OversizeNotice.MAX_HEADER_BYTES + 2_000);
    assertThat(text).contains("Subject: [Too large to show] many\r\n").doesNotContain("X-Pad-1999")
        .contains("\r\n\r\nThis message is too large");
    assertThat(text.split("\r\n\r\n", 2)[0].lines()).allMatch(line -> line.isEmpty() || line.contains(": "));
  }
}
