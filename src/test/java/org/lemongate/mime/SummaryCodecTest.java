package org.lemongate.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lemongate.mime.TestMessages.load;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The cached form of a summary: exact round trip, and clear failure on damage. */
class SummaryCodecTest {

  static List<String> samples() {
    return List.of("plain.eml", "alternative.eml", "mixed-attachment.eml", "forward-rfc822.eml",
        "groups.eml", "digest.eml", "encoded-headers.eml", "no-boundary.eml", "unterminated.eml",
        "bad-encoding.eml", "headers-only.eml", "header-no-body.eml", "empty.eml", "bare-lf.eml",
        "nul-8bit-headers.eml");
  }

  @ParameterizedTest
  @MethodSource("samples")
  void roundTripKeepsEverything(String name) {
    MessageSummary original = MessageSummary.parse(load(name));
    MessageSummary copy = MessageSummary.fromBytes(original.toBytes());

    assertThat(copy.size()).isEqualTo(original.size());
    assertThat(copy.containsNul()).isEqualTo(original.containsNul());
    assertThat(copy.envelope()).isEqualTo(original.envelope());
    assertThat(copy.sentDate()).isEqualTo(original.sentDate());
    assertThat(copy.receivedDate()).isEqualTo(original.receivedDate());
    assertThat(List.of(String.valueOf(copy.subject()), String.valueOf(copy.from()), String.valueOf(copy.to()),
        String.valueOf(copy.cc()), String.valueOf(copy.bcc())))
        .isEqualTo(List.of(String.valueOf(original.subject()), String.valueOf(original.from()),
            String.valueOf(original.to()), String.valueOf(original.cc()), String.valueOf(original.bcc())));
    for (ImapDialect dialect : ImapDialect.values()) {
      assertThat(copy.renderBodyStructure(dialect)).isEqualTo(original.renderBodyStructure(dialect));
      assertThat(copy.renderBody(dialect)).isEqualTo(original.renderBody(dialect));
      assertThat(copy.renderEnvelope(dialect)).isEqualTo(original.renderEnvelope(dialect));
    }
    assertSameOffsets(copy.root(), original.root());
    assertThat(copy.toBytes()).isEqualTo(original.toBytes());
  }

  @Test
  void summaryIsCompact() {
    byte[] raw = load("forward-rfc822.eml");
    assertThat(MessageSummary.parse(raw).toBytes().length).isLessThan(raw.length);
  }

  @Test
  void everySingleByteFlipIsDetected() {
    byte[] good = MessageSummary.parse(load("mixed-attachment.eml")).toBytes();
    for (int i = 0; i < good.length; i++) {
      byte[] bad = good.clone();
      bad[i] ^= 0x20;
      assertThatThrownBy(() -> MessageSummary.fromBytes(bad)).isInstanceOf(SummaryFormatException.class);
    }
  }

  @Test
  void truncationIsDetected() {
    byte[] good = MessageSummary.parse(load("forward-rfc822.eml")).toBytes();
    for (int length = 0; length < good.length; length++) {
      byte[] bad = Arrays.copyOf(good, length);
      assertThatThrownBy(() -> MessageSummary.fromBytes(bad)).isInstanceOf(SummaryFormatException.class);
    }
  }

  @Test
  void foreignDataAndOtherVersionsAreRejectedWithAReason() {
    assertThatThrownBy(() -> MessageSummary.fromBytes(null)).isInstanceOf(SummaryFormatException.class);
    assertThatThrownBy(() -> MessageSummary.fromBytes("From: someone\r\n\r\nhi".getBytes()))
        .isInstanceOf(SummaryFormatException.class).hasMessageContaining("magic");
    byte[] future = MessageSummary.parse(load("plain.eml")).toBytes();
    future[4] = 99;
    assertThatThrownBy(() -> MessageSummary.fromBytes(future))
        .isInstanceOf(SummaryFormatException.class).hasMessageContaining("version 99");
  }

  private static void assertSameOffsets(MimePart a, MimePart b) {
    assertThat(a.toString()).isEqualTo(b.toString());
    assertThat(a.bodyLines()).isEqualTo(b.bodyLines());
    assertThat(a.children()).hasSameSizeAs(b.children());
    for (int i = 0; i < a.children().size(); i++) {
      assertSameOffsets(a.children().get(i), b.children().get(i));
    }
    if (a.enclosed() != null) {
      assertSameOffsets(a.enclosed(), b.enclosed());
    }
  }
}
