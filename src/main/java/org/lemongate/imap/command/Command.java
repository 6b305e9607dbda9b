package org.lemongate.imap.command;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lemongate.imap.protocol.FetchAttribute;
import org.lemongate.imap.protocol.Flag;
import org.lemongate.imap.protocol.Literal;
import org.lemongate.imap.protocol.SearchKey;
import org.lemongate.imap.protocol.SearchReturnOption;
import org.lemongate.imap.protocol.SequenceSet;
import org.lemongate.imap.protocol.StatusItem;

/**
 * A parsed client command: one record per command of RFC 9051 and RFC 3501 and the extensions
 * Lemongate supports. Mailbox names are internal names ({@code MailboxNames.fromWire}); the UID
 * variants of FETCH, STORE, COPY, MOVE and SEARCH are the same record with {@code uid} set.
 * Records holding secrets hide them in {@link Object#toString()}.
 */
public sealed interface Command {

  // ---- any state (RFC 9051 §6.1) ----

  record Capability() implements Command {}

  record Noop() implements Command {}

  record Logout() implements Command {}

  // ---- not authenticated (§6.2) ----

  record StartTls() implements Command {}

  /**
   * AUTHENTICATE (§6.2.2) with an optional SASL-IR initial response (RFC 4959).
   *
   * @param mechanism        upper-cased SASL mechanism name
   * @param initialResponse  base64 text as sent, "" for "=", null if absent
   */
  record Authenticate(String mechanism, String initialResponse) implements Command {
    @Override
    public String toString() {
      return "Authenticate[" + mechanism + (initialResponse == null ? "" : ", <response>") + "]";
    }
  }

  record Login(String user, String password) implements Command {
    @Override
    public String toString() {
      return "Login[" + user + "]";
    }
  }

  // ---- authenticated (§6.3) ----

  /** ENABLE (RFC 5161): capability names, upper-cased. */
  record Enable(List<String> capabilities) implements Command {
    public Enable {
      capabilities = List.copyOf(capabilities);
    }
  }

  /**
   * SELECT, or EXAMINE when {@code readOnly}, with the CONDSTORE parameter (RFC 7162 §3.1.8) or
   * QRESYNC parameters (§3.2.5, null if absent).
   */
  record Select(String mailbox, boolean readOnly, boolean condStore, QResync qresync)
      implements Command {}

  /**
   * QRESYNC select parameters.
   *
   * @param knownUids             null if absent
   * @param knownSequenceNumbers  with {@code knownSequenceUids}: seq-match-data, null if absent
   */
  record QResync(
      long uidValidity,
      long modSeq,
      SequenceSet knownUids,
      SequenceSet knownSequenceNumbers,
      SequenceSet knownSequenceUids) {}

  /** CREATE, with the special-use attributes of a USE parameter (RFC 6154 §3), e.g. \Sent. */
  record Create(String mailbox, List<String> specialUse) implements Command {
    public Create {
      specialUse = List.copyOf(specialUse);
    }
  }

  record Delete(String mailbox) implements Command {}

  record Rename(String from, String to) implements Command {}

  record Subscribe(String mailbox) implements Command {}

  record Unsubscribe(String mailbox) implements Command {}

  /**
   * LIST, basic or extended (RFC 9051 §6.3.9, RFC 5258, RFC 6154, RFC 5819).
   *
   * @param patterns      one or more list-mailbox patterns ({@code %} and {@code *})
   * @param statusItems   the items of RETURN (STATUS (...)), empty if not asked
   * @param extended      any selection or return option, or a parenthesised pattern list: answer
   *                      in extended form
   */
  record ListMailboxes(
      String reference,
      List<String> patterns,
      Set<SelectOption> selectOptions,
      Set<ReturnOption> returnOptions,
      Set<StatusItem> statusItems,
      boolean extended)
      implements Command {
    public ListMailboxes {
      patterns = List.copyOf(patterns);
      selectOptions = Set.copyOf(selectOptions);
      returnOptions = Set.copyOf(returnOptions);
      statusItems = Set.copyOf(statusItems);
    }

    /** LIST selection options. */
    public enum SelectOption {
      SUBSCRIBED,
      REMOTE,
      RECURSIVEMATCH,
      SPECIAL_USE
    }

    /** LIST return options; STATUS's items are in {@link #statusItems()}. */
    public enum ReturnOption {
      SUBSCRIBED,
      CHILDREN,
      SPECIAL_USE,
      STATUS
    }
  }

  /** LSUB (IMAP4rev1). */
  record Lsub(String reference, String pattern) implements Command {}

  record Namespace() implements Command {}

  record Status(String mailbox, Set<StatusItem> items) implements Command {
    public Status {
      items = Set.copyOf(items);
    }
  }

  /**
   * APPEND (§6.3.12), with CATENATE (RFC 4469) or BINARY literal8 (RFC 3516) data.
   *
   * @param internalDate  null if not given
   */
  record Append(String mailbox, List<Flag> flags, OffsetDateTime internalDate, AppendData data)
      implements Command {
    public Append {
      flags = List.copyOf(flags);
    }
  }

  /** What APPEND appends. */
  sealed interface AppendData {}

  /** One message literal (streamed if {@link Literal#streamed()}). */
  record MessageData(Literal message) implements AppendData {}

  /** CATENATE: the message is the concatenation of the parts. */
  record Catenate(List<CatenatePart> parts) implements AppendData {
    public Catenate {
      parts = List.copyOf(parts);
    }
  }

  sealed interface CatenatePart {}

  record TextPart(Literal text) implements CatenatePart {}

  /** An IMAP URL (RFC 5092) naming a message or part to copy in. */
  record UrlPart(String url) implements CatenatePart {}

  record Idle() implements Command {}

  // ---- selected (§6.4) ----

  record Check() implements Command {}

  record Close() implements Command {}

  record Unselect() implements Command {}

  record Expunge() implements Command {}

  /** UID EXPUNGE (UIDPLUS, RFC 4315). */
  record UidExpunge(SequenceSet uids) implements Command {}

  /**
   * SEARCH or UID SEARCH.
   *
   * @param charset        as given, or null (UTF-8)
   * @param key            all criteria, ANDed
   * @param returnOptions  null for a classic SEARCH answer; otherwise answer ESEARCH (RFC 4731);
   *                       {@code RETURN ()} gives {ALL}
   */
  record Search(boolean uid, String charset, SearchKey key, Set<SearchReturnOption> returnOptions)
      implements Command {
    public Search {
      returnOptions = returnOptions == null ? null : Set.copyOf(returnOptions);
    }
  }

  /**
   * FETCH or UID FETCH; macros expanded.
   *
   * @param changedSince  CHANGEDSINCE modifier (RFC 7162 §3.1.4.1), null if absent
   * @param vanished      VANISHED modifier (RFC 7162 §3.2.6), only with UID FETCH and CHANGEDSINCE
   */
  record Fetch(
      boolean uid, SequenceSet set, List<FetchAttribute> items, Long changedSince, boolean vanished)
      implements Command {
    public Fetch {
      items = List.copyOf(items);
    }
  }

  /**
   * STORE or UID STORE.
   *
   * @param unchangedSince  UNCHANGEDSINCE modifier (RFC 7162 §3.1.3), null if absent
   * @param silent          FLAGS.SILENT
   */
  record Store(
      boolean uid,
      SequenceSet set,
      Long unchangedSince,
      StoreMode mode,
      boolean silent,
      List<Flag> flags)
      implements Command {
    public Store {
      flags = List.copyOf(flags);
    }
  }

  /** FLAGS replaces, +FLAGS adds, -FLAGS removes. */
  enum StoreMode {
    REPLACE,
    ADD,
    REMOVE
  }

  record Copy(boolean uid, SequenceSet set, String mailbox) implements Command {}

  /** MOVE or UID MOVE (RFC 6851). */
  record Move(boolean uid, SequenceSet set, String mailbox) implements Command {}

  // ---- extensions usable in several states ----

  /**
   * ID (RFC 2971): field to value (value null for NIL), in the client's order; {@code
   * parameters} is null for ID NIL.
   */
  record Id(Map<String, String> parameters) implements Command {}

  /** COMPRESS (RFC 4978): the algorithm, upper-cased (DEFLATE). */
  record Compress(String algorithm) implements Command {}

  /** GENURLAUTH (RFC 4467 §7). */
  record GenUrlAuth(List<UrlAuthRequest> requests) implements Command {
    public GenUrlAuth {
      requests = List.copyOf(requests);
    }
  }

  /** One URL rump to authorize and the mechanism (INTERNAL) to use. */
  record UrlAuthRequest(String urlRump, String mechanism) {}

  /** RESETKEY (RFC 4467 §7): all keys if {@code mailbox} is null. */
  record ResetKey(String mailbox, List<String> mechanisms) implements Command {
    public ResetKey {
      mechanisms = List.copyOf(mechanisms);
    }
  }

  /** URLFETCH (RFC 4467 §7). */
  record UrlFetch(List<String> urls) implements Command {
    public UrlFetch {
      urls = List.copyOf(urls);
    }
  }
}
