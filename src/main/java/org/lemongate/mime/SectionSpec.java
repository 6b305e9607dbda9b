package org.lemongate.mime;

import java.util.List;

/**
 * A {@code section} of BODY[section] (RFC 9051 §6.4.5): a part path, possibly empty, and what
 * to take from the part. Build one with the factory methods.
 *
 * @param part part numbers, each at least 1; empty for the message itself
 * @param kind what to take
 * @param fieldNames the field names of HEADER.FIELDS and HEADER.FIELDS.NOT, else empty
 */
public record SectionSpec(List<Integer> part, Kind kind, List<String> fieldNames) {

  /** The section-msgtext or section-part that ends a section spec. */
  public enum Kind {
    /** No suffix: the whole message ({@code BODY[]}) or a part's body ({@code BODY[1.2]}). */
    CONTENT,
    /** HEADER: the header of the message, or of the message a message/rfc822 part encloses. */
    HEADER,
    /** HEADER.FIELDS (names): the fields named, then the empty line. */
    HEADER_FIELDS,
    /** HEADER.FIELDS.NOT (names): the other fields, then the empty line. */
    HEADER_FIELDS_NOT,
    /** TEXT: the body of the message, or of the message a message/rfc822 part encloses. */
    TEXT,
    /** MIME: the MIME header of a part (a part path is required). */
    MIME
  }

  public SectionSpec {
    part = List.copyOf(part);
    fieldNames = List.copyOf(fieldNames);
    for (int n : part) {
      if (n < 1) {
        throw new IllegalArgumentException("part numbers start at 1: " + part);
      }
    }
    if (kind == Kind.MIME && part.isEmpty()) {
      throw new IllegalArgumentException("MIME needs a part number (RFC 9051 §9 section-part)");
    }
    boolean fields = kind == Kind.HEADER_FIELDS || kind == Kind.HEADER_FIELDS_NOT;
    if (fields == fieldNames.isEmpty()) {
      throw new IllegalArgumentException(
          kind + (fields ? " needs field names" : " takes no field names"));
    }
  }

  /** {@code BODY[]} with no part, or {@code BODY[1.2]}. */
  public static SectionSpec content(int... part) {
    return new SectionSpec(path(part), Kind.CONTENT, List.of());
  }

  public static SectionSpec header(int... part) {
    return new SectionSpec(path(part), Kind.HEADER, List.of());
  }

  public static SectionSpec headerFields(List<String> names, int... part) {
    return new SectionSpec(path(part), Kind.HEADER_FIELDS, names);
  }

  public static SectionSpec headerFieldsNot(List<String> names, int... part) {
    return new SectionSpec(path(part), Kind.HEADER_FIELDS_NOT, names);
  }

  public static SectionSpec text(int... part) {
    return new SectionSpec(path(part), Kind.TEXT, List.of());
  }

  public static SectionSpec mime(int... part) {
    return new SectionSpec(path(part), Kind.MIME, List.of());
  }

  private static List<Integer> path(int[] part) {
    return java.util.Arrays.stream(part).boxed().toList();
  }
}
