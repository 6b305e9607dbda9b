package org.lemongate.mime;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lemongate.mime.TestMessages.utf8;

import org.junit.jupiter.api.Test;

/** What changes with the session: UTF-8 in quoted strings, and message/global. */
class ImapDialectTest {

  private static final byte[] GLOBAL = ("Content-Type: multipart/mixed; boundary=g\r\n\r\n--g\r\n"
      + "Content-Type: message/global\r\n\r\nSubject: Grüße\r\n\r\nHallo\r\n--g--\r\n").getBytes(UTF_8);

  @Test
  void messageGlobalIsEncapsulatedOnlyInImap4rev2() {
    MessageSummary s = MessageSummary.parse(GLOBAL);
    assertThat(utf8(s.renderBody(ImapDialect.IMAP4REV2))).isEqualTo(
        "((\"message\" \"global\" NIL NIL NIL \"7bit\" 25 (NIL \"Grüße\" NIL NIL NIL NIL NIL NIL NIL NIL)"
            + " (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 5 0) 2) \"mixed\")");
    // RFC 3501's grammar has body-type-msg for message/rfc822 only.
    assertThat(utf8(s.renderBody(ImapDialect.IMAP4REV1)))
        .isEqualTo("((\"message\" \"global\" NIL NIL NIL \"7bit\" 25) \"mixed\")");
    // Sections see the enclosed message whatever the dialect.
    assertThat(utf8(new MessageSections(GLOBAL, s).content(SectionSpec.header(1)))).isEqualTo("Subject: Grüße\r\n\r\n");
  }

  @Test
  void quotingRules() {
    assertThat(render("plain")).isEqualTo("\"plain\"");
    assertThat(render("a \"b\" \\c")).isEqualTo("\"a \\\"b\\\" \\\\c\"");
    assertThat(render("")).isEqualTo("\"\"");
    assertThat(render("two\r\nlines")).isEqualTo("{10}\r\ntwo\r\nlines");
    assertThat(render("lone\rcr")).isEqualTo("{7}\r\nlone\rcr");
    String utf8Octets = new String("é".getBytes(UTF_8), ISO_8859_1);
    assertThat(render(utf8Octets)).isEqualTo("{2}\r\n" + utf8Octets);
    assertThat(new String(new ImapOutput(ImapDialect.IMAP4REV2).string(utf8Octets).toByteArray(), ISO_8859_1))
        .isEqualTo("\"" + utf8Octets + "\"");
    // Latin-1 is not UTF-8: a literal even where UTF-8 may be quoted.
    assertThat(new String(new ImapOutput(ImapDialect.IMAP4REV2).string("\u00e9").toByteArray(), ISO_8859_1))
        .isEqualTo("{1}\r\n\u00e9");
  }

  private static String render(String octets) {
    return new String(new ImapOutput(ImapDialect.IMAP4REV1).string(octets).toByteArray(), ISO_8859_1);
  }
}
