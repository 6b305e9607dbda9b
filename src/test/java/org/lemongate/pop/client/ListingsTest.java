package org.lemongate.pop.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The answers to STAT, LIST and UIDL as servers really space them (RFC 1939 section 5 and 7). */
class ListingsTest {

  private static byte[] body(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void fieldsAreSeparatedByAnyNumberOfSpacesAndExtraFieldsAreIgnored() throws ProtocolViolation {
    assertThat(Listings.sizes(body("1 120\r\n2  3400 extra\r\n 3 7 \r\n")))
        .containsExactly(new MessageSize(1, 120), new MessageSize(2, 3400), new MessageSize(3, 7));
    assertThat(Listings.uids(body("1   whqtswO00WBw418f9t5JxYwZ\r\n2 QhdPYR:00WBw1Ph7x7 more\r\n")))
        .containsExactly(new MessageUid(1, "whqtswO00WBw418f9t5JxYwZ"), new MessageUid(2, "QhdPYR:00WBw1Ph7x7"));
    assertThat(Listings.status("2  320 and more")).isEqualTo(new MaildropStatus(2, 320));
  }

  @Test
  void aLineWithOneFieldIsRefusedAndQuoted() {
    assertThatThrownBy(() -> Listings.sizes(body("1 120\r\n2 \r\n")))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessageContaining("malformed line in answer to LIST")
        .hasMessageEndingWith(": 2 ");
    assertThatThrownBy(() -> Listings.uids(body("7\r\n")))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessageContaining("malformed line in answer to UIDL");
    assertThatThrownBy(() -> Listings.status("   "))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessageContaining("without a drop listing");
  }

  @Test
  void numbersThatAreNotNumbersAreRefused() {
    assertThatThrownBy(() -> Listings.sizes(body("one 120\r\n")))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessageContaining("invalid message number in answer to LIST");
    assertThatThrownBy(() -> Listings.sizes(body("1 -5\r\n")))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessageContaining("invalid size in answer to LIST");
  }
}
