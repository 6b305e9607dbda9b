package org.lemongate.mime;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import org.lemongate.mime.MimePart.Kind;

/**
 * The sections of one message for FETCH (RFC 9051 §6.4.5, RFC 3516), cut from the raw bytes at
 * the offsets of its {@link MessageSummary}, without parsing the message again. Results are
 * slices of the raw array except for HEADER.FIELDS[.NOT] and decoded BINARY content.
 *
 * <p>Part numbers follow RFC 9051 §6.4.5: the parts of a multipart are numbered from 1, a
 * non-multipart message has the single part 1 (its body), and the parts of a message/rfc822
 * part are those of the message it encloses. A section that does not exist is empty.
 *
 * <p>The other FETCH items map onto these: RFC822 and BODY[] are {@link #content(SectionSpec)}
 * of {@code SectionSpec.content()}, RFC822.HEADER is {@code SectionSpec.header()}, RFC822.TEXT
 * is {@code SectionSpec.text()}, RFC822.SIZE is {@link MessageSummary#size()}, and a partial
 * {@code <origin.count>} is {@link ByteSlice#partial(long, long)} of the result.
 *
 * <p>Bytes are served as stored. A message may hold NUL ({@link MessageSummary#containsNul()}),
 * which an IMAP literal cannot carry: send {@link ByteSlice#withoutNul()} outside BINARY.
 */
public final class MessageSections {

  private final byte[] raw;
  private final MessageSummary summary;

  /** @throws IllegalArgumentException if the summary is not of a message of this size */
  public MessageSections(byte[] raw, MessageSummary summary) {
    if (raw.length != summary.size()) {
      throw new IllegalArgumentException(
          "summary of a " + summary.size() + "-byte message used with " + raw.length + " bytes");
    }
    this.raw = raw;
    this.summary = summary;
  }

  /** The content of BODY[section]. */
  public ByteSlice content(SectionSpec section) {
    if (section.part().isEmpty()) {
      return section.kind() == SectionSpec.Kind.CONTENT
          ? ByteSlice.of(raw)
          : ofMessage(summary.root(), section);
    }
    Optional<MimePart> found = part(section.part());
    if (found.isEmpty()) {
      return ByteSlice.EMPTY;
    }
    MimePart part = found.get();
    switch (section.kind()) {
      case CONTENT:
        return body(part);
      case MIME:
        return header(part);
      default:
        // HEADER, HEADER.FIELDS and TEXT after a part number need a message/rfc822 part.
        return part.kind() == Kind.MESSAGE ? ofMessage(part.enclosed(), section) : ByteSlice.EMPTY;
    }
  }

  /** The part a part path designates, if it exists. An empty path designates none. */
  public Optional<MimePart> part(List<Integer> path) {
    List<MimePart> parts = partsOf(summary.root());
    MimePart part = null;
    for (int n : path) {
      if (n < 1 || n > parts.size()) {
        return Optional.empty();
      }
      part = parts.get(n - 1);
      parts = switch (part.kind()) {
        case MULTIPART -> part.children();
        case MESSAGE -> partsOf(part.enclosed());
        case SINGLE -> List.of();
      };
    }
    return Optional.ofNullable(part);
  }

  /** The numbered parts of a message: those of its multipart body, or else its body alone. */
  private static List<MimePart> partsOf(MimePart message) {
    return message.kind() == Kind.MULTIPART ? message.children() : List.of(message);
  }

  /**
   * BINARY[part] (RFC 3516 §4.2): the content of a single part without its transfer encoding.
   * The empty path is the whole message; multipart and message parts cannot be encoded
   * (RFC 2045 §6.4), so they come as they are. A part that does not exist is empty.
   */
  public BinaryContent binary(List<Integer> path) {
    if (path.isEmpty()) {
      return new BinaryContent.Decoded(ByteSlice.of(raw));
    }
    Optional<MimePart> found = part(path);
    if (found.isEmpty()) {
      return new BinaryContent.Decoded(ByteSlice.EMPTY);
    }
    MimePart part = found.get();
    if (part.kind() != Kind.SINGLE) {
      return new BinaryContent.Decoded(body(part));
    }
    ByteSlice decoded = TransferDecoding.decode(body(part), part.encoding());
    return decoded == null
        ? new BinaryContent.UnknownEncoding(part.encoding())
        : new BinaryContent.Decoded(decoded);
  }

  private ByteSlice ofMessage(MimePart message, SectionSpec section) {
    switch (section.kind()) {
      case HEADER:
        return header(message);
      case TEXT:
        return body(message);
      case HEADER_FIELDS:
        return headerFields(message, section.fieldNames(), true);
      case HEADER_FIELDS_NOT:
        return headerFields(message, section.fieldNames(), false);
      default:
        throw new IllegalArgumentException(section.toString());
    }
  }

  /**
   * The fields of the entity's header whose names are (or, when not {@code matching}, are not) in
   * {@code names}, ignoring case, in message order, then the empty line if the header has one
   * (RFC 9051 §6.4.5: "the blank line is always included in header data, except in the case of a
   * message which has no body and no blank line").
   */
  private ByteSlice headerFields(MimePart entity, List<String> names, boolean matching) {
    HeaderBlock header = HeaderBlock.parse(raw, entity.headerOffset(), entity.bodyOffset());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (HeaderField field : header.fields()) {
      boolean named = names.stream().anyMatch(field::hasName);
      if (named == matching) {
        out.write(raw, field.start(), field.end() - field.start());
      }
    }
    if (header.hasBlankLine()) {
      out.write(raw, header.blankLineStart(), header.blankLineEnd() - header.blankLineStart());
    }
    return ByteSlice.of(out.toByteArray());
  }

  private ByteSlice header(MimePart part) {
    return new ByteSlice(raw, part.headerOffset(), part.headerLength());
  }

  private ByteSlice body(MimePart part) {
    return new ByteSlice(raw, part.bodyOffset(), part.bodyLength());
  }
}
