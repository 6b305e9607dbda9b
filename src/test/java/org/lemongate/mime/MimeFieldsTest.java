package org.lemongate.mime;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Content-* fields as BODYSTRUCTURE shows them. */
class MimeFieldsTest {

  private static MimeFields fields(String header) {
    byte[] raw = (header + "\r\n\r\n").getBytes(ISO_8859_1);
    return MimeFields.parse(HeaderBlock.parse(raw, 0, raw.length), false);
  }

  @Test
  void typeAndParametersKeepTheirCaseAndLoseQuotingAndComments() {
    MimeFields f = fields("Content-Type: TEXT/Plain (comment) ; Charset = \"UTF-8\" (c2); foo; foo=bar; FOO=\"baz\";"
        + " name=\"a b\\\"c\"");
    assertThat(f.type()).isEqualTo("TEXT");
    assertThat(f.subtype()).isEqualTo("Plain");
    // A parameter without value is dropped; of two with one name the first counts.
    assertThat(f.parameters()).containsExactly(
        new Parameter("Charset", "UTF-8"), new Parameter("foo", "bar"), new Parameter("name", "a b\"c"));
  }

  @Test
  void unquotedValuesThatBreakTheTokenRuleAreKept() {
    assertThat(fields("Content-Type: multipart/mixed; boundary=----=_Part_1_2.3").parameters())
        .containsExactly(new Parameter("boundary", "----=_Part_1_2.3"));
  }

  @Test
  void invalidOrMissingTypeMeansTextPlain() {
    for (String header : List.of("X-Other: 1", "Content-Type: text", "Content-Type: /plain", "Content-Type: garbage;"
        + " charset=utf-8")) {
      MimeFields f = fields(header);
      assertThat(f.type() + "/" + f.subtype()).isEqualTo("text/plain");
      assertThat(f.parameters()).containsExactly(new Parameter("charset", "us-ascii"));
      assertThat(f.encoding()).isEqualTo("7bit");
    }
  }

  @Test
  void textWithoutCharsetGetsTheDefaultOne() {
    assertThat(fields("Content-Type: text/html; format=flowed").parameters())
        .containsExactly(new Parameter("format", "flowed"), new Parameter("charset", "us-ascii"));
    assertThat(fields("Content-Type: image/png").parameters()).isEmpty();
  }

  @Test
  void rfc2231ContinuationsAreJoined() {
    MimeFields f = fields("Content-Type: text/plain; name*0=\"long\"; name*1=\"name.txt\";"
        + " title*=us-ascii'en'This%20is; a*1=x; a*0=y; b*0*=utf-8''%41; b*1*=%42; b*2=\"C %\"");
    assertThat(f.parameters()).containsExactly(
        new Parameter("name", "longname.txt"),
        new Parameter("title*", "us-ascii'en'This%20is"),
        new Parameter("a", "yx"),
        new Parameter("b*", "utf-8''%41%42C%20%25"),
        new Parameter("charset", "us-ascii"));
  }

  @Test
  void otherFields() {
    MimeFields f = fields("Content-Type: text/plain\r\nContent-Disposition: attachment\r\n"
        + "Content-Language: en-US (English), fr\r\nContent-ID:   <x@y>  \r\n"
        + "Content-Description: =?utf-8?q?caf=C3=A9?=\r\nContent-Location: http://e.x/\r\n a b\r\n"
        + "Content-MD5: Q2hlY2s=\r\nContent-Transfer-Encoding: Base64 (comment)");
    assertThat(f.disposition()).isEqualTo(new Disposition("attachment", List.of()));
    assertThat(f.language()).containsExactly("en-US", "fr");
    assertThat(f.id()).isEqualTo("<x@y>");
    assertThat(f.description()).isEqualTo("=?utf-8?q?caf=C3=A9?=");
    assertThat(f.location()).isEqualTo("http://e.x/ a b");
    assertThat(f.md5()).isEqualTo("Q2hlY2s=");
    assertThat(f.encoding()).isEqualTo("Base64");
  }

  @Test
  void dispositionWithoutTypeKeepsItsParameters() {
    MimeFields f = fields("Content-Disposition: (c) ; filename=x\r\nContent-Language:");
    assertThat(f.disposition()).isEqualTo(new Disposition("", List.of(new Parameter("filename", "x"))));
    assertThat(f.language()).isNull();
  }

  @Test
  void firstContentTypeCounts() {
    assertThat(fields("Content-Type: text/plain; charset=utf-8\r\nContent-Type: text/html").subtype())
        .isEqualTo("plain");
  }

  @Test
  void eightBitParameterValuesStayRawOctets() {
    MimeFields f = fields("Content-Type: application/pdf; name=\"M\u00fcller.pdf\"");
    assertThat(f.parameters()).containsExactly(new Parameter("name", "M\u00fcller.pdf"));
  }
}
