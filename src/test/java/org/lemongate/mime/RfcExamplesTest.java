package org.lemongate.mime;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lemongate.mime.TestMessages.utf8;

import org.junit.jupiter.api.Test;

/** The FETCH examples of RFC 3501 §7.4.2, rebuilt as messages the examples could describe. */
class RfcExamplesTest {

  /** A body of {@code lines} CRLF-ended lines totalling {@code octets} octets. */
  private static String body(int octets, int lines) {
    StringBuilder sb = new StringBuilder();
    int left = octets;
    for (int i = lines; i > 0; i--) {
      int length = left / i;
      sb.append("x".repeat(length - 2)).append("\r\n");
      left -= length;
    }
    return sb.toString();
  }

  @Test
  void envelopeAndBodyExample() {
    String message = "Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\r\n"
        + "From: Terry Gray <gray@cac.washington.edu>\r\n"
        + "Subject: IMAP4rev1 WG mtg summary and minutes\r\n"
        + "To: imap@cac.washington.edu\r\n"
        + "cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>\r\n"
        + "Message-Id: <B27397-0100000@cac.washington.edu>\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n"
        + "Content-Transfer-Encoding: 7BIT\r\n"
        + "\r\n"
        + body(3028, 92);
    MessageSummary summary = MessageSummary.parse(message.getBytes(US_ASCII));

    // The RFC's example breaks a line between the two cc addresses; the grammar has no space there.
    assertThat(utf8(summary.renderEnvelope(ImapDialect.IMAP4REV1))).isEqualTo(
        "(\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and minutes\""
            + " ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\"))"
            + " ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\"))"
            + " ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\"))"
            + " ((NIL NIL \"imap\" \"cac.washington.edu\"))"
            + " ((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL"
            + " \"<B27397-0100000@cac.washington.edu>\")");
    assertThat(utf8(summary.renderBody(ImapDialect.IMAP4REV1)))
        .isEqualTo("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92)");
  }

  @Test
  void multipartBodyStructureExample() {
    String message = "Content-Type: MULTIPART/MIXED; BOUNDARY=\"xyz\"\r\n"
        + "\r\n"
        + "--xyz\r\n"
        + "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n"
        + "Content-Transfer-Encoding: 7BIT\r\n"
        + "\r\n"
        + body(1152, 23)
        + "\r\n--xyz\r\n"
        + "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII; NAME=cc.diff\r\n"
        + "Content-ID: <960723163407.20117h@cac.washington.edu>\r\n"
        + "Content-Description: Compiler diff\r\n"
        + "Content-Transfer-Encoding: BASE64\r\n"
        + "\r\n"
        + body(4554, 73)
        + "\r\n--xyz--\r\n";
    MessageSummary summary = MessageSummary.parse(message.getBytes(US_ASCII));

    assertThat(utf8(summary.renderBody(ImapDialect.IMAP4REV1))).isEqualTo(
        "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 1152 23)"
            + "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\" \"NAME\" \"cc.diff\")"
            + " \"<960723163407.20117h@cac.washington.edu>\" \"Compiler diff\" \"BASE64\" 4554 73) \"MIXED\")");
  }
}
