package org.lemongate.pop.sync;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lemongate.pop.client.MessageSize;
import org.lemongate.pop.client.MessageUid;
import org.lemongate.pop.client.Pop3Client;
import org.lemongate.pop.client.Pop3Exception;

/**
 * Reads a maildrop's listing (STAT, LIST, UIDL) and refuses one that does not add up: a listing
 * that is inconsistent changes nothing and DELEs nothing (design invariant 7).
 */
final class ListingReader {
  /** Prefix of ids derived from headers, for servers without UIDL; a real UIDL never has a space. */
  static final String DIGEST_PREFIX = "headers ";

  private ListingReader() {
  }

  static Future<List<Listing>> read(Pop3Client client) {
    return client.stat().compose(stat -> client.list().compose(scan -> {
      Map<Integer, Long> sizes = new HashMap<>();
      for (MessageSize entry : scan) {
        if (sizes.put(entry.number(), entry.octets()) != null) {
          return inconsistent("LIST names message " + entry.number() + " twice");
        }
      }
      if (sizes.size() != stat.messages()) {
        return inconsistent("STAT counts " + stat.messages() + " messages but LIST lists " + sizes.size());
      }
      return client.uidl()
          .compose(uids -> fromUidl(uids, sizes), failure -> isUidlUnsupported(failure)
              ? fromHeaderDigests(client, sizes)
              : Future.failedFuture(failure));
    }));
  }

  private static Future<List<Listing>> fromUidl(List<MessageUid> uids, Map<Integer, Long> sizes) {
    if (uids.size() != sizes.size()) {
      return inconsistent("LIST lists " + sizes.size() + " messages but UIDL lists " + uids.size());
    }
    List<Listing> listing = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (MessageUid entry : uids) {
      Long size = sizes.get(entry.number());
      if (size == null) {
        return inconsistent("UIDL names message " + entry.number() + ", which LIST does not list");
      }
      if (!isValidUidl(entry.uid())) {
        return inconsistent("UIDL of message " + entry.number() + " is not a valid unique id");
      }
      if (!seen.add(entry.uid())) {
        return inconsistent("UIDL " + entry.uid() + " is given to two messages");
      }
      listing.add(new Listing(entry.number(), entry.uid(), size, false));
    }
    listing.sort(java.util.Comparator.comparingInt(Listing::number));
    return Future.succeededFuture(listing);
  }

  /** RFC 1939 §7: 1 to 70 characters in 0x21..0x7E. */
  static boolean isValidUidl(String uid) {
    if (uid.isEmpty() || uid.length() > 70) {
      return false;
    }
    for (int i = 0; i < uid.length(); i++) {
      char c = uid.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  /**
   * Without UIDL, a message is known by a digest of its header block (TOP n 0). Messages with the
   * same headers are numbered in POP order and marked ambiguous: they are never DELEd.
   */
  private static Future<List<Listing>> fromHeaderDigests(Pop3Client client, Map<Integer, Long> sizes) {
    List<Integer> numbers = new ArrayList<>(sizes.keySet());
    numbers.sort(null);
    List<Future<Buffer>> headers = new ArrayList<>();
    for (int number : numbers) {
      headers.add(client.top(number, 0));
    }
    return Future.all(headers).map(all -> {
      Map<String, Integer> occurrences = new HashMap<>();
      List<String> digests = new ArrayList<>();
      for (Future<Buffer> header : headers) {
        String digest = DIGEST_PREFIX + sha256(header.result());
        digests.add(digest);
        occurrences.merge(digest, 1, Integer::sum);
      }
      Map<String, Integer> ordinal = new HashMap<>();
      List<Listing> listing = new ArrayList<>();
      for (int i = 0; i < numbers.size(); i++) {
        String digest = digests.get(i);
        boolean ambiguous = occurrences.get(digest) > 1;
        String id = ambiguous ? digest + " #" + ordinal.merge(digest, 1, Integer::sum) : digest;
        listing.add(new Listing(numbers.get(i), id, sizes.get(numbers.get(i)), ambiguous));
      }
      return listing;
    });
  }

  private static boolean isUidlUnsupported(Throwable failure) {
    return failure instanceof Pop3Exception e && e.kind() == Pop3Exception.Kind.UIDL_UNSUPPORTED;
  }

  private static String sha256(Buffer bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.getBytes()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static <T> Future<T> inconsistent(String reason) {
    return Future.failedFuture(new InconsistentListingException(reason));
  }
}
