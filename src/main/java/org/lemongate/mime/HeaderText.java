package org.lemongate.mime;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/** Turns raw header text into what a person reads, for SEARCH and sorting. */
public final class HeaderText {

  private HeaderText() {}

  /**
   * Decodes an octet string from a header field: 8-bit bytes are read as UTF-8 (RFC 6532), or as
   * windows-1252 when they are not valid UTF-8, then RFC 2047 encoded words are decoded (with
   * mime4j; a word in an unknown charset stays as it is). Null stays null.
   */
  public static String decode(String octets) {
    if (octets == null) {
      return null;
    }
    String text = Octets.isAscii(octets) ? octets : Octets.decodeText(Octets.bytes(octets), null);
    if (!text.contains("=?")) {
      return text;
    }
    try {
      return DecoderUtil.decodeEncodedWords(text, DecodeMonitor.SILENT);
    } catch (RuntimeException e) {
      return text; // a malformed encoded word: matching the raw text is the best we can do
    }
  }
}
