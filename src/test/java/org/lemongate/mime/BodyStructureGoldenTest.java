package org.lemongate.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lemongate.mime.TestMessages.summary;
import static org.lemongate.mime.TestMessages.utf8;

import org.junit.jupiter.api.Test;

/**
 * ENVELOPE, BODY and BODYSTRUCTURE of the sample messages, rendered for IMAP4rev1. Each golden
 * string was checked against Dovecot 2.3.19 on the same file; where we differ on purpose the test
 * says why.
 */
class BodyStructureGoldenTest {

  private static String bodyStructure(String name) {
    return utf8(summary(name).renderBodyStructure(ImapDialect.IMAP4REV1));
  }

  private static String body(String name) {
    return utf8(summary(name).renderBody(ImapDialect.IMAP4REV1));
  }

  private static String envelope(String name) {
    return utf8(summary(name).renderEnvelope(ImapDialect.IMAP4REV1));
  }

  @Test
  void plainText() {
    assertThat(bodyStructure("plain.eml")).isEqualTo(
        "(\"text\" \"plain\" (\"charset\" \"utf-8\" \"format\" \"flowed\") NIL NIL \"8bit\" 57 5 NIL NIL NIL NIL)");
    assertThat(body("plain.eml")).isEqualTo(
        "(\"text\" \"plain\" (\"charset\" \"utf-8\" \"format\" \"flowed\") NIL NIL \"8bit\" 57 5)");
    // Dovecot sends the name with quotes as a literal; an escaped quoted string is equally valid.
    assertThat(envelope("plain.eml")).isEqualTo("(\"Tue, 14 May 2024 09:30:55 +0200\" \"Lunch on Thursday?\""
        + " ((\"Alice Example\" NIL \"alice\" \"example.org\")) ((\"Alice Example\" NIL \"alice\" \"example.org\"))"
        + " ((NIL NIL \"lists\" \"example.org\")) ((\"Bob\" NIL \"bob\" \"example.net\")(NIL NIL \"carol\" \"example.com\"))"
        + " ((\"Dave, the \\\"Builder\\\"\" NIL \"dave\" \"example.com\")) NIL \"<prev-1@example.net>\""
        + " \"<20240514093055.GA1234@example.org>\")");
  }

  @Test
  void multipartAlternative() {
    assertThat(bodyStructure("alternative.eml")).isEqualTo(
        "((\"text\" \"plain\" (\"charset\" \"iso-8859-1\") NIL NIL \"quoted-printable\" 62 1 NIL NIL NIL NIL)"
            + "(\"text\" \"html\" (\"charset\" \"UTF-8\") NIL NIL \"quoted-printable\" 110 2 NIL NIL NIL NIL)"
            + " \"alternative\" (\"boundary\" \"==alt==\") NIL NIL NIL)");
    assertThat(body("alternative.eml")).isEqualTo(
        "((\"text\" \"plain\" (\"charset\" \"iso-8859-1\") NIL NIL \"quoted-printable\" 62 1)"
            + "(\"text\" \"html\" (\"charset\" \"UTF-8\") NIL NIL \"quoted-printable\" 110 2) \"alternative\")");
    assertThat(envelope("alternative.eml")).isEqualTo("(\"Wed, 15 May 2024 18:02:11 -0400\""
        + " \"=?UTF-8?Q?Sp=C3=A9cial_offer?= for you\" ((\"Newsletter\" NIL \"news\" \"shop.example\"))"
        + " ((\"Newsletter\" NIL \"news\" \"shop.example\")) ((\"Newsletter\" NIL \"news\" \"shop.example\"))"
        + " ((NIL NIL \"bob\" \"example.net\")) NIL NIL NIL \"<alt-42@shop.example>\")");
  }

  @Test
  void mixedWithAttachmentCarriesAllExtensionData() {
    assertThat(bodyStructure("mixed-attachment.eml")).isEqualTo(
        "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 34 1 NIL NIL NIL NIL)"
            + "(\"application\" \"pdf\" (\"name\" \"report.pdf\") \"<part2.report@example.com>\" \"Quarterly report\""
            + " \"base64\" 20 \"Q2hlY2sgSW50ZWdyaXR5IQ==\" (\"attachment\" (\"filename\" \"report.pdf\" \"size\" \"12\"))"
            + " (\"en\" \"de\") \"http://example.com/report.pdf\")"
            + "(\"image\" \"png\" NIL NIL NIL \"base64\" 12 NIL"
            + " (\"inline\" (\"filename*\" \"UTF-8''%E2%82%AC%20rates.png\")) NIL NIL)"
            + " \"mixed\" (\"boundary\" \"outer\" \"charset\" \"us-ascii\") NIL (\"en\") NIL)");
  }

  @Test
  void forwardedMessageHasEnvelopeBodyAndLines() {
    assertThat(bodyStructure("forward-rfc822.eml")).isEqualTo(
        "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 10 0 NIL NIL NIL NIL)"
            + "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 394"
            + " (\"Thu, 16 May 2024 10:00:00 +0000\" \"Report attached\" ((\"Carol\" NIL \"carol\" \"example.com\"))"
            + " ((\"Carol\" NIL \"carol\" \"example.com\")) ((\"Carol\" NIL \"carol\" \"example.com\"))"
            + " ((\"Bob\" NIL \"bob\" \"example.net\")) NIL NIL NIL \"<mixed-7@example.com>\")"
            + " ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 14 0 NIL NIL NIL NIL)"
            + "(\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 20 0 NIL NIL NIL NIL)"
            + " \"alternative\" (\"boundary\" \"inner\") NIL NIL NIL) 17 NIL (\"inline\" NIL) NIL NIL)"
            + " \"mixed\" (\"boundary\" \"fwd-boundary\") NIL NIL NIL)");
    assertThat(body("forward-rfc822.eml")).isEqualTo(
        "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 10 0)"
            + "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 394"
            + " (\"Thu, 16 May 2024 10:00:00 +0000\" \"Report attached\" ((\"Carol\" NIL \"carol\" \"example.com\"))"
            + " ((\"Carol\" NIL \"carol\" \"example.com\")) ((\"Carol\" NIL \"carol\" \"example.com\"))"
            + " ((\"Bob\" NIL \"bob\" \"example.net\")) NIL NIL NIL \"<mixed-7@example.com>\")"
            + " ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 14 0)"
            + "(\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 20 0) \"alternative\") 17) \"mixed\")");
  }

  @Test
  void digestPartsDefaultToMessageRfc822() {
    assertThat(bodyStructure("digest.eml")).isEqualTo(
        "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 26 0 NIL NIL NIL NIL)"
            + "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 59 (NIL \"First post\" ((NIL NIL \"ann\" \"example.com\"))"
            + " ((NIL NIL \"ann\" \"example.com\")) ((NIL NIL \"ann\" \"example.com\")) NIL NIL NIL NIL NIL)"
            + " (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 13 1 NIL NIL NIL NIL) 4 NIL NIL NIL NIL)"
            + "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 62 (NIL \"Re: First post\" ((NIL NIL \"ben\" \"example.com\"))"
            + " ((NIL NIL \"ben\" \"example.com\")) ((NIL NIL \"ben\" \"example.com\")) NIL NIL NIL NIL NIL)"
            + " (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 12 1 NIL NIL NIL NIL) 4 NIL NIL NIL NIL)"
            + " \"digest\" (\"boundary\" \"digest\") NIL NIL NIL)");
  }

  @Test
  void encodedWordsStayEncodedAndRawUtf8GoesInALiteral() {
    assertThat(bodyStructure("encoded-headers.eml")).isEqualTo(
        "(\"text\" \"plain\" (\"charset\" \"UTF-8\") NIL NIL \"base64\" 70 1 NIL NIL NIL NIL)");
    assertThat(envelope("encoded-headers.eml")).isEqualTo("(\"Sun, 19 May 2024 21:45:00 +0900\""
        + " \"=?UTF-8?B?5pel5pys6Kqe44Gu5Lu25ZCN?= and =?ISO-8859-1?Q?caf=E9?=\""
        + " ((\"=?UTF-8?B?5bGx55Sw5aSq6YOO?=\" NIL \"taro\" \"example.jp\"))"
        + " ((\"=?UTF-8?B?5bGx55Sw5aSq6YOO?=\" NIL \"taro\" \"example.jp\"))"
        + " ((\"=?UTF-8?B?5bGx55Sw5aSq6YOO?=\" NIL \"taro\" \"example.jp\"))"
        + " ((\"=?iso-8859-1?q?J=F6rg?=\" NIL \"joerg\" \"example.de\")({8}\r\nZoë Raw NIL \"zoe\" \"example.com\"))"
        + " NIL NIL NIL \"<enc-1@example.jp>\")");
  }

  @Test
  void utf8SessionsGetUtf8InQuotedStrings() {
    String rev2 = utf8(summary("encoded-headers.eml").renderEnvelope(ImapDialect.IMAP4REV2));
    assertThat(rev2).contains("(\"Zoë Raw\" NIL \"zoe\" \"example.com\")");
    String accept = utf8(summary("encoded-headers.eml").renderEnvelope(ImapDialect.IMAP4REV1_UTF8));
    assertThat(accept).isEqualTo(rev2);
  }

  @Test
  void groupsRoutesQuotedLocalPartsAndComments() {
    assertThat(envelope("groups.eml")).isEqualTo("(\"18 May 2024 12:00 GMT\" \"Group addresses\""
        + " ((\"Team Lead\" NIL \"lead\" \"example.com\"))"
        + " ((\"The Robot\" NIL \"robot\" \"example.com\"))"
        + " ((\"Team Lead\" NIL \"lead\" \"example.com\"))"
        + " ((NIL NIL \"Project Team\" NIL)(NIL NIL \"ann\" \"example.com\")(\"Ben Q. Public\" NIL \"ben\" \"example.com\")"
        + "(NIL NIL NIL NIL)(NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL))"
        + " ((NIL \"@relay1.example,@relay2.example\" \"carl\" \"example.org\")(NIL NIL \"odd local\" \"example.com\")"
        + "(NIL NIL \"localonly\" \"MISSING_DOMAIN\"))"
        + " ((\"=?ISO-8859-1?Q?Andr=E9?= Pirard\" NIL \"PIRARD\" \"vm1.ulg.ac.be\")) NIL \"<groups-1@example.com>\")");
  }
}
