package org.lemongate.testing.imapscript;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The server scripts run against, and how each script gets a fresh account: the one hook between the
 * {@link ScriptRunner} and a particular server (the gateway, or Dovecot while validating the runner).
 */
public interface ScriptTarget {
  /** Where the IMAP server under test listens, in clear text. */
  InetSocketAddress imapAddress();

  /**
   * A new account for one script, whose INBOX holds these messages in this order ({@code SETUP:}).
   *
   * @param scriptName the script's file name, e.g. to derive a user name from
   * @param messages RFC 5322 messages, byte for byte as in their files (normally CRLF line ends)
   */
  Account newAccount(String scriptName, List<byte[]> messages);

  /** One more message arrives in the account's INBOX while the script runs ({@code DELIVER:}). */
  void deliver(Account account, byte[] message);

  /** What {@code ${user}} and {@code ${password}} stand for in a script. */
  record Account(String user, String password) {
  }
}
