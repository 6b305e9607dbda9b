package org.lemongate.mime;

import java.util.List;
import org.lemongate.mime.MimePart.Kind;

/** Renders ENVELOPE, BODY and BODYSTRUCTURE (RFC 9051 §7.5.2, RFC 3501 §7.4.2). */
final class FetchRenderer {

  private final ImapOutput out;
  private final boolean extensible;

  private FetchRenderer(ImapOutput out, boolean extensible) {
    this.out = out;
    this.extensible = extensible;
  }

  static byte[] envelope(Envelope envelope, ImapDialect dialect) {
    ImapOutput out = new ImapOutput(dialect);
    new FetchRenderer(out, false).writeEnvelope(envelope);
    return out.toByteArray();
  }

  /** BODYSTRUCTURE when {@code extensible}, else BODY. */
  static byte[] body(MimePart part, boolean extensible, ImapDialect dialect) {
    ImapOutput out = new ImapOutput(dialect);
    new FetchRenderer(out, extensible).writeBody(part);
    return out.toByteArray();
  }

  private void writeEnvelope(Envelope e) {
    out.open().nstring(e.date()).space().nstring(e.subject());
    for (List<Address> list : e.addressLists()) {
      out.space();
      writeAddresses(list);
    }
    out.space().nstring(e.inReplyTo()).space().nstring(e.messageId()).close();
  }

  private void writeAddresses(List<Address> list) {
    if (list.isEmpty()) {
      out.nil();
      return;
    }
    out.open();
    for (Address a : list) {
      out.open().nstring(a.name()).space().nstring(a.route()).space().nstring(a.mailbox())
          .space().nstring(a.host()).close();
    }
    out.close();
  }

  private void writeBody(MimePart part) {
    if (part.kind() == Kind.MULTIPART) {
      writeMultipart(part);
    } else {
      writeSinglePart(part);
    }
  }

  private void writeMultipart(MimePart part) {
    out.open();
    if (part.children().isEmpty()) {
      // body-type-mpart needs a part; like Dovecot, show an empty text part.
      writeEmptyTextPart();
    }
    for (MimePart child : part.children()) {
      writeBody(child);
    }
    out.space().string(part.subtype());
    if (extensible) {
      out.space();
      writeParameters(part.parameters());
      writeExtensions(part);
    }
    out.close();
  }

  private void writeSinglePart(MimePart part) {
    out.open().string(part.type()).space().string(part.subtype()).space();
    writeParameters(part.parameters());
    out.space().nstring(part.id()).space().nstring(part.description())
        .space().string(part.encoding()).space().number(part.bodyLength());
    if (isEncapsulatedMessage(part)) {
      out.space();
      writeEnvelope(part.envelope());
      out.space();
      writeBody(part.enclosed());
      out.space().number(part.bodyLines());
    } else if (part.isText()) {
      out.space().number(part.bodyLines());
    }
    if (extensible) {
      out.space().nstring(part.md5());
      writeExtensions(part);
    }
    out.close();
  }

  /** body-type-msg; message/global only in IMAP4rev2, where body-type-basic may not carry it. */
  private boolean isEncapsulatedMessage(MimePart part) {
    return part.kind() == Kind.MESSAGE
        && (part.subtype().equalsIgnoreCase("rfc822") || out.dialect().messageGlobalEncapsulated());
  }

  private void writeEmptyTextPart() {
    out.raw("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0");
    if (extensible) {
      out.raw(" NIL NIL NIL NIL");
    }
    out.close();
  }

  /** body-fld-dsp, body-fld-lang and body-fld-loc, shared by both body-ext forms. */
  private void writeExtensions(MimePart part) {
    out.space();
    Disposition d = part.disposition();
    if (d == null) {
      out.nil();
    } else {
      out.open().string(d.type()).space();
      writeParameters(d.parameters());
      out.close();
    }
    out.space();
    if (part.language() == null) {
      out.nil();
    } else {
      out.open();
      for (int i = 0; i < part.language().size(); i++) {
        if (i > 0) {
          out.space();
        }
        out.string(part.language().get(i));
      }
      out.close();
    }
    out.space().nstring(part.location());
  }

  private void writeParameters(List<Parameter> parameters) {
    if (parameters.isEmpty()) {
      out.nil();
      return;
    }
    out.open();
    for (int i = 0; i < parameters.size(); i++) {
      if (i > 0) {
        out.space();
      }
      out.string(parameters.get(i).name()).space().string(parameters.get(i).value());
    }
    out.close();
  }
}
