package org.lemongate.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * The MIME header fields of one entity as BODYSTRUCTURE reports them, parsed leniently from a
 * header block: Content-Type and Content-Transfer-Encoding (RFC 2045 §5, §6), Content-ID and
 * Content-Description (§7, §8), Content-Disposition (RFC 2183), Content-Language (RFC 3282),
 * Content-Location (RFC 2557) and Content-MD5 (RFC 1864). Strings are octet strings; absent
 * fields are null. Where a field occurs twice, the first counts.
 */
record MimeFields(
    String type,
    String subtype,
    List<Parameter> parameters,
    String id,
    String description,
    String encoding,
    String md5,
    Disposition disposition,
    List<String> language,
    String location) {

  private static final String DEFAULT_ENCODING = "7bit";

  MimeFields {
    parameters = List.copyOf(parameters);
    language = language == null ? null : List.copyOf(language);
  }

  /**
   * Parses the MIME fields of a header block. Without a valid Content-Type the type is
   * {@code text/plain; charset=us-ascii} (RFC 2045 §5.2), or {@code message/rfc822} for a part of
   * a multipart/digest (RFC 2046 §5.1.5).
   */
  static MimeFields parse(HeaderBlock header, boolean inDigest) {
    String type;
    String subtype;
    List<Parameter> parameters;
    ContentType contentType = ContentType.parse(header.first("Content-Type"));
    if (contentType != null) {
      type = contentType.type;
      subtype = contentType.subtype;
      parameters = contentType.parameters;
    } else if (inDigest) {
      type = "message";
      subtype = "rfc822";
      parameters = List.of();
    } else {
      type = "text";
      subtype = "plain";
      parameters = List.of();
    }
    if (type.equalsIgnoreCase("text") && Parameter.find(parameters, "charset") == null) {
      // RFC 2046 §4.1.2: the default charset, made explicit as Dovecot and UW-IMAP do.
      parameters = new ArrayList<>(parameters);
      parameters.add(new Parameter("charset", "us-ascii"));
    }
    return new MimeFields(
        type,
        subtype,
        parameters,
        nonEmpty(header.first("Content-ID")),
        nonEmpty(header.first("Content-Description")),
        encoding(header.first("Content-Transfer-Encoding")),
        nonEmpty(header.first("Content-MD5")),
        disposition(header.first("Content-Disposition")),
        language(header.first("Content-Language")),
        nonEmpty(header.first("Content-Location")));
  }

  boolean isMultipart() {
    return type.equalsIgnoreCase("multipart");
  }

  boolean isText() {
    return type.equalsIgnoreCase("text");
  }

  /** message/rfc822, or message/global (RFC 6532 §3.5): a part that encapsulates a message. */
  boolean isMessage() {
    return type.equalsIgnoreCase("message")
        && (subtype.equalsIgnoreCase("rfc822") || subtype.equalsIgnoreCase("global"));
  }

  /** The same fields as an opaque body: what a part beyond the parser's limits is shown as. */
  MimeFields asOpaque() {
    return new MimeFields("application", "octet-stream", parameters, id, description, encoding, md5,
        disposition, language, location);
  }

  private static String nonEmpty(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  private static String encoding(String value) {
    if (value == null) {
      return DEFAULT_ENCODING;
    }
    HeaderLexer lexer = new HeaderLexer(value, HeaderLexer.Specials.MIME);
    lexer.skipCfws();
    String token = lexer.atom();
    return token.isEmpty() ? DEFAULT_ENCODING : token;
  }

  private static Disposition disposition(String value) {
    if (value == null) {
      return null;
    }
    HeaderLexer lexer = new HeaderLexer(value, HeaderLexer.Specials.MIME);
    lexer.skipCfws();
    String type = lexer.atom();
    return new Disposition(type, parameters(lexer));
  }

  private static List<String> language(String value) {
    if (value == null) {
      return null;
    }
    List<String> tags = new ArrayList<>();
    HeaderLexer lexer = new HeaderLexer(value, HeaderLexer.Specials.MIME);
    while (!lexer.atEnd()) {
      lexer.skipCfws();
      String tag = lexer.atom();
      if (!tag.isEmpty()) {
        tags.add(tag);
      }
      lexer.skipPast(',');
    }
    return tags.isEmpty() ? null : tags;
  }

  /** The {@code ; attribute=value} list that follows a type (RFC 2045 §5.1), RFC 2231 joined. */
  static List<Parameter> parameters(HeaderLexer lexer) {
    List<Parameter> parameters = new ArrayList<>();
    lexer.skipPast(';');
    while (!lexer.atEnd()) {
      lexer.skipCfws();
      String name = lexer.atom();
      lexer.skipCfws();
      if (!name.isEmpty() && lexer.consume('=')) {
        lexer.skipCfws();
        String value = lexer.peekIs('"') ? lexer.quotedString() : lexer.looseToken();
        parameters.add(new Parameter(name, value));
      }
      lexer.skipPast(';');
    }
    return Rfc2231.join(parameters);
  }

  /** A parsed Content-Type value, or null when it is absent or invalid. */
  private record ContentType(String type, String subtype, List<Parameter> parameters) {

    static ContentType parse(String value) {
      if (value == null) {
        return null;
      }
      HeaderLexer lexer = new HeaderLexer(value, HeaderLexer.Specials.MIME);
      lexer.skipCfws();
      String type = lexer.atom();
      lexer.skipCfws();
      if (type.isEmpty() || !lexer.consume('/')) {
        return null;
      }
      lexer.skipCfws();
      String subtype = lexer.atom();
      if (subtype.isEmpty()) {
        return null;
      }
      return new ContentType(type, subtype, MimeFields.parameters(lexer));
    }
  }
}
