package org.lemongate.mime;

import java.util.List;

/**
 * The ENVELOPE of a message (RFC 9051 §7.5.2, RFC 3501 §7.4.2). Unstructured fields are the raw,
 * unfolded header values as octet strings (null when the field is absent, "" when it is empty);
 * RFC 2047 encoded words are not decoded, since IMAP returns them as they are. Address lists are
 * empty when the field is absent or holds no address, which renders as NIL.
 *
 * <p>{@code sender} and {@code replyTo} already carry the RFC's default: when the field is absent
 * or empty they are the {@code from} list.
 */
public record Envelope(
    String date,
    String subject,
    List<Address> from,
    List<Address> sender,
    List<Address> replyTo,
    List<Address> to,
    List<Address> cc,
    List<Address> bcc,
    String inReplyTo,
    String messageId) {

  public Envelope {
    from = List.copyOf(from);
    sender = List.copyOf(sender);
    replyTo = List.copyOf(replyTo);
    to = List.copyOf(to);
    cc = List.copyOf(cc);
    bcc = List.copyOf(bcc);
  }

  /** The six address lists in ENVELOPE order: from, sender, reply-to, to, cc, bcc. */
  public List<List<Address>> addressLists() {
    return List.of(from, sender, replyTo, to, cc, bcc);
  }

  /**
   * The envelope of a header block. The first Date, Subject, In-Reply-To and Message-ID count;
   * the address fields of all occurrences are joined, so a second From line stays visible.
   */
  static Envelope of(HeaderBlock header) {
    List<Address> from = addresses(header, "From");
    List<Address> sender = addresses(header, "Sender");
    List<Address> replyTo = addresses(header, "Reply-To");
    return new Envelope(
        header.first("Date"),
        header.first("Subject"),
        from,
        sender.isEmpty() ? from : sender,
        replyTo.isEmpty() ? from : replyTo,
        addresses(header, "To"),
        addresses(header, "Cc"),
        addresses(header, "Bcc"),
        header.first("In-Reply-To"),
        header.first("Message-ID"));
  }

  private static List<Address> addresses(HeaderBlock header, String name) {
    List<String> values = header.all(name);
    if (values.size() == 1) {
      return AddressParser.parse(values.get(0));
    }
    return values.stream().flatMap(v -> AddressParser.parse(v).stream()).toList();
  }
}
