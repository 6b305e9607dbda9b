package org.lemongate.imap.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WildcardPatternTest {

  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // * matches anything, the delimiter included (RFC 9051 §6.3.9)
        "*|Fruit|true",
        "*|Fruit/Apple|true",
        "*|''|true",
        "Fruit*|Fruit/Apple|true",
        "*Apple|Fruit/Apple|true",
        "F*t|Fruit|true",
        "F*t|Fruity|false",
        // % matches anything but the delimiter
        "%|Fruit|true",
        "%|Fruit/Apple|false",
        "Fruit/%|Fruit/Apple|true",
        "Fruit/%|Fruit|false",
        "Fruit/%|Fruit/Apple/Green|false",
        "%/%|Fruit/Apple|true",
        "%/%|Fruit|false",
        "F%t|Fruit|true",
        "%t|Fru/it|false",
        // no wildcard: the name itself, case-sensitive
        "Fruit|Fruit|true",
        "fruit|Fruit|false",
        "Fruit|Fruit/Apple|false",
        // runs of wildcards
        "%*|Fruit/Apple|true",
        "*%|Fruit/Apple|true",
        "%%|Fruit/Apple|false",
        "**Apple|Fruit/Apple|true",
        // several wildcards that must find the right split
        "*a*a*|banana|true",
        "*a*a*a*a*|banana|false",
        "b*n%a|banana|true",
        "b%n%a|ban/ana|false",
        "*/%|a/b/c|true",
        "%/*|a/b/c|true",
        "%/%/%|a/b/c|true",
        "%/%/%|a/b|false",
        // INBOX's letters match in any case (RFC 9051 §5.1), nothing else does
        "inbox|INBOX|true",
        "InBoX|INBOX|true",
        "inb*|INBOX|true",
        "i%|INBOX|true",
        "inbox/%|INBOX/Sent|true",
        "INBOX/sent|INBOX/Sent|false",
        "inbox|INBOXES|false",
        "inboxes|INBOXES|false",
        "i*|Important|false",
        // Unicode names are matched character by character
        "Entwürfe|Entwürfe|true",
        "Entw%|Entwürfe|true",
        "*/台北|~peter/mail/台北|true",
        "~peter/%/台北|~peter/mail/台北|true",
        "entwürfe|Entwürfe|false",
        "😀%|😀 smile|true",
        "%|😀/smile|false"
      })
  void matches(String pattern, String name, boolean matches) {
    assertThat(new WildcardPattern(pattern).matches(name)).isEqualTo(matches);
  }

  @Test
  void aDotlessIDoesNotMatchTheIOfInbox() {
    // Character.toUpperCase('ı') is 'I'; INBOX's case-insensitivity is ASCII only
    assertThat(new WildcardPattern("\u0131nbox").matches("INBOX")).isFalse();
  }

  @Test
  void aHostilePatternCannotMakeMatchingExplode() {
    String pattern = "*a".repeat(400) + "b";
    String name = "a".repeat(1000);
    WildcardPattern hostile = new WildcardPattern(pattern);

    long started = System.nanoTime();
    for (int i = 0; i < 100; i++) {
      assertThat(hostile.matches(name)).isFalse();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }
}
