package org.lemongate.imap.protocol;

import java.util.List;

/**
 * The part of a message a BODY[...] fetch names (RFC 9051 §6.4.5 {@code section-spec}).
 *
 * @param part          MIME part numbers, e.g. [1, 2] for {@code 1.2}; empty for the whole
 *                      message
 * @param text          which piece of that part
 * @param headerFields  the field names of HEADER.FIELDS and HEADER.FIELDS.NOT, else empty
 */
public record Section(List<Integer> part, Text text, List<String> headerFields) {

  /** {@code BODY[]}: the whole message. */
  public static final Section WHOLE = new Section(List.of(), Text.ALL, List.of());

  public Section {
    part = List.copyOf(part);
    headerFields = List.copyOf(headerFields);
  }

  /** The piece of a part a section names. */
  public enum Text {
    /** The whole part (or message, with no part number): nothing after the numbers. */
    ALL(""),
    HEADER("HEADER"),
    HEADER_FIELDS("HEADER.FIELDS"),
    HEADER_FIELDS_NOT("HEADER.FIELDS.NOT"),
    TEXT("TEXT"),
    /** The MIME header of a part; only after a part number. */
    MIME("MIME");

    private final String wireName;

    Text(String wireName) {
      this.wireName = wireName;
    }

    /** The name as written inside the brackets. */
    public String wireName() {
      return wireName;
    }
  }
}
