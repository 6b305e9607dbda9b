package org.lemongate.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeaderFieldTest {

  private static HeaderBlock header(String text) {
    byte[] raw = text.getBytes(StandardCharsets.ISO_8859_1);
    return HeaderBlock.parse(raw, 0, raw.length);
  }

  @Test
  void valuesAreUnfoldedAndStrippedHoweverTheFoldFalls() {
    HeaderBlock h = header("Subject:\r\n  starts on the next line \r\n"
        + "X-Two: one\r\n two\r\n\tthree\t\r\n"
        + "X-Bare-Lf: a\n b\n"
        + "X-Cr: a\rb\r\n"
        + "X-Empty:   \r\n"
        + "\r\nbody\r\n");
    assertThat(h.first("subject")).isEqualTo("starts on the next line");
    assertThat(h.first("X-Two")).isEqualTo("one two\tthree");
    assertThat(h.first("X-Bare-Lf")).isEqualTo("a b");
    assertThat(h.first("X-CR")).isEqualTo("a\rb");
    assertThat(h.first("X-Empty")).isEmpty();
  }

  @Test
  void aNulBecomesTheReplacementCharacterWithTheRestKept() {
    HeaderBlock h = header("Subject: a\0b\r\n\r\n");
    assertThat(h.first("Subject")).isEqualTo("a" + Octets.REPLACEMENT + "b");
  }

  @Test
  void namesMatchInAnyCaseWithSpaceBeforeTheColonIgnoredButNotInside() {
    HeaderBlock h = header("CONTENT-type : text/plain\r\nX Odd: 1\r\nno colon here\r\nFrom: a@b\r\n\r\n");
    assertThat(h.first("Content-Type")).isEqualTo("text/plain");
    assertThat(h.first("X")).isNull();
    assertThat(h.first("no colon here")).isNull();
    assertThat(h.first("Fro")).isNull();
    assertThat(h.first("From")).isEqualTo("a@b");
    assertThat(h.fields()).hasSize(4);
  }
}
