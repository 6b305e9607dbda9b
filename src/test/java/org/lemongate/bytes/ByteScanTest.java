package org.lemongate.bytes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteScanTest {

  /** Arrays of few distinct values (so matches are frequent), every length and offset up to 40. */
  @Test
  void agreesWithAByteByByteScanOnRandomArrays() {
    Random random = new Random(7);
    byte[] alphabet = {'\r', '\n', 0, '-', (byte) 0x80, (byte) 0xff, (byte) 0x8a, 'a'};
    for (int round = 0; round < 2_000; round++) {
      byte[] bytes = new byte[random.nextInt(40)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
      }
      int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
      int to = from + random.nextInt(bytes.length - from + 1);
      for (byte b : alphabet) {
        assertEquals(naiveIndexOf(bytes, b, from, to), ByteScan.indexOf(bytes, b, from, to));
        assertEquals(naiveCount(bytes, b, from, to), ByteScan.count(bytes, b, from, to));
      }
      int lineBreak = Math.min(lastIfMissing(naiveIndexOf(bytes, (byte) '\r', from, to)),
          lastIfMissing(naiveIndexOf(bytes, (byte) '\n', from, to)));
      assertEquals(lineBreak == Integer.MAX_VALUE ? -1 : lineBreak, ByteScan.indexOfLineBreak(bytes, from, to));
    }
  }

  @Test
  void findsNothingOutsideTheRange() {
    byte[] bytes = "\n\n\nabcdefghijklmnop\n\n".getBytes();
    assertEquals(-1, ByteScan.indexOf(bytes, (byte) '\n', 3, 19));
    assertEquals(19, ByteScan.indexOf(bytes, (byte) '\n', 3, 20));
    assertEquals(0, ByteScan.count(bytes, (byte) '\n', 3, 19));
    assertEquals(-1, ByteScan.indexOfLineBreak(bytes, 3, 19));
  }

  private static int lastIfMissing(int index) {
    return index < 0 ? Integer.MAX_VALUE : index;
  }

  private static int naiveIndexOf(byte[] bytes, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static int naiveCount(byte[] bytes, byte b, int from, int to) {
    int count = 0;
    for (int i = from; i < to; i++) {
      count += bytes[i] == b ? 1 : 0;
    }
    return count;
  }
}
