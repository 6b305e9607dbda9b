package org.lemongate.imap.search;

import java.util.Objects;
import java.util.function.Supplier;
import org.lemongate.mime.MessageSummary;
import org.lemongate.mime.SearchableMessage;
import org.lemongate.store.MessageRecord;

/**
 * One message being matched: its record, and its summary and text loaded on first use only, so a
 * message that cheaper keys already rule out is never read.
 */
final class Candidate {

  final long messageNumber;
  final MessageRecord record;
  private final Supplier<MessageSummary> summaryLoader;
  private final Supplier<byte[]> rawLoader;
  private MessageSummary summary;
  private SearchableMessage text;

  Candidate(
      long messageNumber,
      MessageRecord record,
      Supplier<MessageSummary> summaryLoader,
      Supplier<byte[]> rawLoader) {
    this.messageNumber = messageNumber;
    this.record = record;
    this.summaryLoader = summaryLoader;
    this.rawLoader = rawLoader;
  }

  MessageSummary summary() {
    if (summary == null) {
      summary = Objects.requireNonNull(summaryLoader.get(), "no summary for the message");
    }
    return summary;
  }

  /** The decoded text; one instance per message, so keys share its decoding work. */
  SearchableMessage text() {
    if (text == null) {
      byte[] raw = Objects.requireNonNull(rawLoader.get(), "no body for the message");
      text = new SearchableMessage(raw, summary());
    }
    return text;
  }
}
