package org.lemongate.imap.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SequenceSetTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1|1",
        "1:5|1:5",
        "1:5,7,9:12|1:5,7,9:12",
        "5:1|1:5",
        "1,2,3|1:3",
        "3,1,2|1:3",
        "1:3,2:6|1:6",
        "9:12,1:5,6|1:6,9:12",
        "4294967295|4294967295",
        "*|*",
        "1:*|1:*",
        "*:4|4:*",
        "2,*:4|2,4:*",
        "$|$"
      })
  void parsesAndRendersCompactly(String wire, String rendered) {
    SequenceSet set = SequenceSet.parse(wire);
    assertThat(set).hasToString(rendered);
    assertThat(SequenceSet.parse(rendered)).isEqualTo(set);
  }

  @ParameterizedTest(name = "\"{0}\": {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|empty sequence set",
        "0|0 is not a valid message number",
        "1:0|0 is not a valid message number",
        "a|unexpected 'a'",
        "1,|ends early",
        ",1|unexpected ','",
        "1::2|unexpected ':'",
        "4294967296|number too large",
        "1:*:2|unexpected ':'",
        "$,1|unexpected '$'",
        "1 2|unexpected ' '"
      })
  void rejectsMalformedSets(String wire, String reason) {
    assertThatThrownBy(() -> SequenceSet.parse(wire))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest(name = "{0} with max {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1:*|10|1:10",
        "*|10|10",
        "559:*|500|500:559", // RFC 9051 §6.4.8: n:* always includes the last message
        "*:4|2|2:4",
        "5:*,2|3|2:5",
        "3:7|10|3:7",
        "1:*|0|1",
        "*|0|''"
      })
  void resolvesStar(String wire, long max, String resolved) {
    assertThat(SequenceSet.parse(wire).resolve(max)).hasToString(resolved);
  }

  @Test
  void containsCountsAndIterates() {
    SequenceSet set = SequenceSet.parse("9:11,2,4:5");
    assertThat(set.contains(1)).isFalse();
    assertThat(set.contains(2)).isTrue();
    assertThat(set.contains(3)).isFalse();
    assertThat(set.contains(5)).isTrue();
    assertThat(set.contains(10)).isTrue();
    assertThat(set.contains(12)).isFalse();
    assertThat(set.count()).isEqualTo(6);
    assertThat(set.min()).isEqualTo(2);
    assertThat(set.max()).isEqualTo(11);
    assertThat(set.rangeCount()).isEqualTo(3);
    assertThat(set.rangeStart(1)).isEqualTo(4);
    assertThat(set.rangeEnd(1)).isEqualTo(5);
    List<Long> values = new ArrayList<>();
    for (PrimitiveIterator.OfLong it = set.values(); it.hasNext(); ) {
      values.add(it.nextLong());
    }
    assertThat(values).containsExactly(2L, 4L, 5L, 9L, 10L, 11L);
  }

  @Test
  void buildsCompactSetsForCopyUidAndVanished() {
    SequenceSet set =
        SequenceSet.builder().add(7).add(3).add(1).add(2).add(5).add(6).add(2).build();
    assertThat(set).hasToString("1:3,5:7");
    assertThat(SequenceSet.of(304, 319, 320)).hasToString("304,319:320");
    assertThat(SequenceSet.range(9, 4)).hasToString("4:9");
    assertThat(SequenceSet.builder().build().isEmpty()).isTrue();
    assertThatThrownBy(() -> SequenceSet.of(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unresolvedSetsCannotBeQueried() {
    assertThatThrownBy(() -> SequenceSet.parse("1:*").contains(3))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> SequenceSet.SAVED_RESULT.resolve(4))
        .isInstanceOf(IllegalStateException.class);
    assertThat(SequenceSet.parse("3:*").hasStar()).isTrue();
    assertThat(SequenceSet.parse("$").isSavedResult()).isTrue();
  }

  /** Property: a set built from random numbers renders, parses back equal, and holds them all. */
  @Test
  void randomSetsRoundTrip() {
    Random random = new Random(9051);
    for (int round = 0; round < 1000; round++) {
      TreeSet<Long> values = new TreeSet<>();
      SequenceSet.Builder builder = SequenceSet.builder();
      for (int i = random.nextInt(30); i >= 0; i--) {
        long v = 1 + random.nextInt(60);
        values.add(v);
        builder.add(v);
      }
      SequenceSet set = builder.build();
      assertThat(SequenceSet.parse(set.toString())).isEqualTo(set);
      assertThat(set.count()).isEqualTo(values.size());
      for (long v = 0; v <= 62; v++) {
        assertThat(set.contains(v)).isEqualTo(values.contains(v));
      }
    }
  }

  @Test
  void iterationOfAnEmptySetEndsAtOnce() {
    assertThat(SequenceSet.parse("*").resolve(0).values().hasNext()).isFalse();
  }
}
