package org.lemongate.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lemongate.mime.MimePart.Kind;

/**
 * The text of one message as SEARCH sees it (RFC 9051 §6.4.4): header values unfolded and RFC
 * 2047-decoded, bodies of text parts with transfer encoding and charset removed. Matching is a
 * case-insensitive substring test over Unicode ({@link #contains(String, String)}). Decoded text
 * is computed on first use and kept, so several keys of one SEARCH share the work; an instance
 * is meant for one message during one command, on one thread.
 */
public final class SearchableMessage {

  private final byte[] raw;
  private final MessageSummary summary;
  private String foldedBody;
  private String foldedHeaders;

  public SearchableMessage(byte[] raw, MessageSummary summary) {
    this.raw = raw;
    this.summary = summary;
  }

  /**
   * The values of all top-level header fields of that name (ignoring case), in order, unfolded
   * and decoded.
   */
  public List<String> headerValues(String fieldName) {
    MimePart root = summary.root();
    return HeaderBlock.parse(raw, root.headerOffset(), root.bodyOffset()).all(fieldName).stream()
        .map(HeaderText::decode)
        .toList();
  }

  /**
   * SEARCH HEADER: a field of that name whose value contains {@code needle}; an empty needle
   * matches any message that has the field.
   */
  public boolean headerContains(String fieldName, String needle) {
    return headerValues(fieldName).stream().anyMatch(v -> contains(v, needle));
  }

  /** SEARCH BODY: the decoded text of the text parts contains {@code needle}. */
  public boolean bodyContains(String needle) {
    return foldedBody().contains(fold(needle));
  }

  /**
   * SEARCH TEXT: the header (all header blocks: the message's, the MIME headers of its parts and
   * the headers of enclosed messages) or the body contains {@code needle}.
   */
  public boolean textContains(String needle) {
    String folded = fold(needle);
    return foldedHeaders().contains(folded) || foldedBody().contains(folded);
  }

  /**
   * The decoded text of all text/* leaf parts (plain, HTML as it is, ...), in message order,
   * separated by newlines. Other parts, attachments in binary formats included, are skipped.
   */
  public String bodyText() {
    StringBuilder sb = new StringBuilder();
    appendBodyText(summary.root(), sb);
    return sb.toString();
  }

  /** Case-insensitive substring match over Unicode, as SEARCH needs. */
  public static boolean contains(String haystack, String needle) {
    return haystack != null && fold(haystack).contains(fold(needle));
  }

  /**
   * A simple case folding: upper then lower case, so that for instance "ß" matches "SS" and
   * final sigma matches sigma.
   */
  static String fold(String s) {
    return s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }

  private String foldedBody() {
    if (foldedBody == null) {
      foldedBody = fold(bodyText());
    }
    return foldedBody;
  }

  private String foldedHeaders() {
    if (foldedHeaders == null) {
      StringBuilder sb = new StringBuilder();
      appendHeaders(summary.root(), sb);
      foldedHeaders = fold(sb.toString());
    }
    return foldedHeaders;
  }

  private void appendBodyText(MimePart part, StringBuilder sb) {
    switch (part.kind()) {
      case MULTIPART -> part.children().forEach(child -> appendBodyText(child, sb));
      case MESSAGE -> appendBodyText(part.enclosed(), sb);
      case SINGLE -> {
        if (part.isText()) {
          ByteSlice body = new ByteSlice(raw, part.bodyOffset(), part.bodyLength());
          ByteSlice decoded = TransferDecoding.decode(body, part.encoding());
          byte[] bytes = (decoded == null ? body : decoded).toByteArray();
          sb.append(Octets.decodeText(bytes, part.parameter("charset"))).append('\n');
        }
      }
    }
  }

  private void appendHeaders(MimePart part, StringBuilder sb) {
    for (HeaderField f : HeaderBlock.parse(raw, part.headerOffset(), part.bodyOffset()).fields()) {
      if (f.name().isEmpty()) {
        continue; // a line without a colon: not a field
      }
      sb.append(HeaderText.decode(f.name())).append(": ")
          .append(HeaderText.decode(f.value())).append('\n');
    }
    List<MimePart> inside = new ArrayList<>(part.children());
    if (part.kind() == Kind.MESSAGE) {
      inside.add(part.enclosed());
    }
    inside.forEach(child -> appendHeaders(child, sb));
  }
}
