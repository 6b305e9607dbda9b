package org.lemongate.imap.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.lemongate.imap.fetch.InternalDates;
import org.lemongate.imap.fetch.MessageData;
import org.lemongate.imap.protocol.Flag;
import org.lemongate.imap.protocol.SearchKey;
import org.lemongate.imap.protocol.SearchKey.DateComparison;
import org.lemongate.imap.protocol.SequenceSet;
import org.lemongate.mime.MailDates;
import org.lemongate.mime.MessageSummary;
import org.lemongate.mime.SearchableMessage;
import org.lemongate.store.MessageRecord;

/**
 * A SEARCH key tree compiled into a matcher (RFC 9051 §6.4.4; RFC 7162 §3.1.5 for MODSEQ; RFC
 * 5182 for {@code $}). Compile once per command, then test each message of the mailbox in
 * sequence-number order with {@link #matches}, collecting the hits in a {@link
 * #resultBuilder()}. Thread-safe once compiled; meant for a worker thread, as matching may load
 * and decode message bodies.
 *
 * <p>What each key compares:
 *
 * <ul>
 *   <li>Flags and keywords: case-insensitively (RFC 9051 §2.3.2). Lemongate reports no message as
 *       {@code \Recent} (IMAP4rev2 dropped the flag; RFC 3501 §2.3.2 lets a server do so), so
 *       RECENT and NEW match nothing and OLD matches everything.
 *   <li>BEFORE, ON, SINCE: the day of the internal date in {@link InternalDates#ZONE}, the zone
 *       FETCH INTERNALDATE shows it in.
 *   <li>SENTBEFORE, SENTON, SENTSINCE: the date of the Date field as written, in its own zone
 *       ("disregarding time and timezone"). A message without a readable Date field is taken to
 *       be sent on its internal date, the rule RFC 5256 §2.2 gives SORT.
 *   <li>Strings: case-insensitive substring match on decoded text ({@link SearchableMessage}); the
 *       parser has already turned the client's charset into Unicode. SUBJECT, FROM, TO, CC, BCC
 *       and HEADER on those fields read the decoded values cached in the summary; other headers,
 *       BODY and TEXT read the message. An empty HEADER string matches any message that has the
 *       field.
 *   <li>LARGER, SMALLER: RFC822.SIZE. MODSEQ: the message's mod-sequence; Lemongate keeps one per
 *       message, so the entry name and type are ignored (RFC 7162 §3.1.5).
 *   <li>Sequence sets: {@code *} is the last message or highest UID of the context, numbers
 *       beyond it match nothing; {@code $} is the context's saved result.
 * </ul>
 *
 * <p>Within AND and OR, keys that need only the record run before those needing the summary,
 * and those before keys needing the body, so a body is loaded only when everything cheaper
 * still matches.
 */
public final class SearchPlan {

  private final Criterion root;
  private final boolean searchesModSeq;

  private SearchPlan(Criterion root, boolean searchesModSeq) {
    this.root = root;
    this.searchesModSeq = searchesModSeq;
  }

  /** Compiles the key of a SEARCH (all its criteria, ANDed) against the session's view. */
  public static SearchPlan compile(SearchKey key, SearchContext context) {
    Compiler compiler = new Compiler(context);
    Criterion root = compiler.compile(key);
    return new SearchPlan(root, compiler.searchesModSeq);
  }

  /**
   * How much of a message matching may need. Loading is lazy either way: the suppliers given to
   * {@link #matches} are called only when a key needs them, at most once per message.
   */
  public MessageData dataNeeded() {
    return root.needs();
  }

  /**
   * True if a MODSEQ key was used: the answer then reports the highest mod-sequence of what it
   * returns (RFC 7162 §3.1.5, §3.1.6; RFC 4731 §3.2).
   */
  public boolean searchesModSeq() {
    return searchesModSeq;
  }

  /**
   * Whether one message matches.
   *
   * @param messageNumber  its sequence number in the session's view
   * @param summary        loads its summary (called at most once, only if needed; never null)
   * @param raw            loads its raw bytes (called at most once, only if needed; never null)
   */
  public boolean matches(
      long messageNumber,
      MessageRecord record,
      Supplier<MessageSummary> summary,
      Supplier<byte[]> raw) {
    return root.test().test(new Candidate(messageNumber, record, summary, raw));
  }

  /** Collects the matches of this search, in sequence-number order. */
  public SearchResult.Builder resultBuilder() {
    return new SearchResult.Builder(searchesModSeq);
  }

  /** A compiled key: its test, and the most it may load. */
  private record Criterion(MessageData needs, Predicate<Candidate> test) {

    static Criterion onRecord(Predicate<MessageRecord> test) {
      return new Criterion(MessageData.RECORD, m -> test.test(m.record));
    }

    static Criterion onSummary(Predicate<MessageSummary> test) {
      return new Criterion(MessageData.SUMMARY, m -> test.test(m.summary()));
    }

    static Criterion onText(Predicate<SearchableMessage> test) {
      return new Criterion(MessageData.BODY, m -> test.test(m.text()));
    }
  }

  /** Turns a key tree into criteria, noting whether MODSEQ was searched. */
  private static final class Compiler {
    private static final Comparator<Criterion> CHEAPEST_FIRST =
        Comparator.comparing(Criterion::needs);

    private final SearchContext context;
    private boolean searchesModSeq;

    Compiler(SearchContext context) {
      this.context = context;
    }

    Criterion compile(SearchKey key) {
      if (key instanceof SearchKey.All) {
        return Criterion.onRecord(record -> true);
      } else if (key instanceof SearchKey.And and) {
        return allOf(and.keys());
      } else if (key instanceof SearchKey.Or or) {
        return anyOf(compile(or.left()), compile(or.right()));
      } else if (key instanceof SearchKey.Not not) {
        Criterion negated = compile(not.key());
        return new Criterion(negated.needs(), negated.test().negate());
      } else if (key instanceof SearchKey.HasFlag hasFlag) {
        return flag(hasFlag.flag(), hasFlag.set());
      } else if (key instanceof SearchKey.HeaderContains header) {
        return header(header.field(), header.value());
      } else if (key instanceof SearchKey.BodyContains body) {
        return Criterion.onText(text -> text.bodyContains(body.value()));
      } else if (key instanceof SearchKey.TextContains text) {
        return Criterion.onText(message -> message.textContains(text.value()));
      } else if (key instanceof SearchKey.InternalDate internal) {
        return Criterion.onRecord(
            record -> compare(InternalDates.day(record.internalDate()), internal.comparison(),
                internal.date()));
      } else if (key instanceof SearchKey.SentDate sent) {
        return new Criterion(MessageData.SUMMARY,
            m -> compare(sentDay(m), sent.comparison(), sent.date()));
      } else if (key instanceof SearchKey.Size size) {
        return Criterion.onRecord(
            record -> size.larger() ? record.size() > size.size() : record.size() < size.size());
      } else if (key instanceof SearchKey.MessageNumbers numbers) {
        if (numbers.set().isSavedResult()) {
          return inSavedResult();
        }
        SequenceSet set = numbers.set().resolve(context.messageCount());
        return new Criterion(MessageData.RECORD, m -> set.contains(m.messageNumber));
      } else if (key instanceof SearchKey.Uids uids) {
        if (uids.set().isSavedResult()) {
          return inSavedResult();
        }
        SequenceSet set = uids.set().resolve(context.highestUid());
        return Criterion.onRecord(record -> set.contains(record.uid()));
      } else {
        SearchKey.ModSeq modSeq = (SearchKey.ModSeq) key;
        searchesModSeq = true;
        return Criterion.onRecord(record -> record.modSeq() >= modSeq.modSeq());
      }
    }

    private Criterion allOf(List<SearchKey> keys) {
      List<Criterion> parts = new ArrayList<>(keys.size());
      for (SearchKey key : keys) {
        parts.add(compile(key));
      }
      parts.sort(CHEAPEST_FIRST);
      Criterion[] ordered = parts.toArray(new Criterion[0]);
      return new Criterion(ordered[ordered.length - 1].needs(), m -> {
        for (Criterion part : ordered) {
          if (!part.test().test(m)) {
            return false;
          }
        }
        return true;
      });
    }

    private static Criterion anyOf(Criterion left, Criterion right) {
      Criterion first = CHEAPEST_FIRST.compare(left, right) <= 0 ? left : right;
      Criterion second = first == left ? right : left;
      return new Criterion(second.needs(), first.test().or(second.test()));
    }

    private static Criterion flag(Flag flag, boolean set) {
      if (flag.equals(Flag.RECENT)) {
        return Criterion.onRecord(record -> !set); // no message is \Recent
      }
      String name = flag.name();
      return Criterion.onRecord(record -> record.hasFlag(name) == set);
    }

    private static Criterion header(String field, String value) {
      Function<MessageSummary, String> decoded = decodedInSummary(field);
      if (decoded != null) {
        return Criterion.onSummary(
            summary -> SearchableMessage.contains(decoded.apply(summary), value));
      }
      return Criterion.onText(text -> text.headerContains(field, value));
    }

    /** The summary's decoded value of a field SEARCH has a key for, else null. */
    private static Function<MessageSummary, String> decodedInSummary(String field) {
      switch (field.toLowerCase(Locale.ROOT)) {
        case "subject":
          return MessageSummary::subject;
        case "from":
          return MessageSummary::from;
        case "to":
          return MessageSummary::to;
        case "cc":
          return MessageSummary::cc;
        case "bcc":
          return MessageSummary::bcc;
        default:
          return null;
      }
    }

    /** {@code $}: kept as UIDs however it is used (RFC 9051 §6.4.4.1). */
    private Criterion inSavedResult() {
      SequenceSet saved = context.savedResult();
      return Criterion.onRecord(record -> saved.contains(record.uid()));
    }

    /** The day the Date field names, or the internal date's day (see the class documentation). */
    private static LocalDate sentDay(Candidate m) {
      return MailDates.writtenDate(m.summary().envelope().date())
          .orElseGet(() -> InternalDates.day(m.record.internalDate()));
    }

    private static boolean compare(LocalDate day, DateComparison comparison, LocalDate date) {
      return switch (comparison) {
        case BEFORE -> day.isBefore(date);
        case ON -> day.equals(date);
        case SINCE -> !day.isBefore(date);
      };
    }
  }
}
