package org.lemongate.testing.imapscript;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lemongate.testing.ImapTestClient;

/**
 * One run of one script: its connections (sessions), the account it uses, and the transcript of
 * everything sent and received, which every failure message ends with.
 */
final class ScriptRun implements AutoCloseable {
  private final ImapScript script;
  private final ScriptTarget target;
  private final ScriptTarget.Account account;
  private final Duration timeout;
  private final Map<Integer, ImapTestClient> sessions = new HashMap<>();
  /** A session's greeting is read when it connects, but belongs to the script's first S: line. */
  private final Map<Integer, String> unreadGreetings = new HashMap<>();
  private final List<String> transcript = new ArrayList<>();
  /** What the named groups of the server lines so far matched, by name. */
  private final Map<String, String> captured = new HashMap<>();
  private int current = 1;

  ScriptRun(ImapScript script, ScriptTarget target, ScriptTarget.Account account, Duration timeout) {
    this.script = script;
    this.target = target;
    this.account = account;
    this.timeout = timeout;
  }

  void switchTo(int session) {
    current = session;
  }

  void send(Step step, byte[] bytes) {
    ImapTestClient session = session(step);
    note("C: " + ImapTestClient.printable(bytes));
    try {
      session.send(bytes);
    } catch (IOException e) {
      throw failure(step, "could not send " + step.source() + ": " + e.getMessage());
    }
  }

  /** The next line of the current session, within the read timeout. */
  String readLine(Step step) {
    return readLineBefore(step, deadline());
  }

  /** The next line of the current session, before the deadline ({@link System#nanoTime()}). */
  String readLineBefore(Step step, long deadline) {
    ImapTestClient session = session(step);
    String greeting = unreadGreetings.remove(current);
    if (greeting != null) {
      note("S: " + ImapTestClient.printable(greeting));
      return greeting;
    }
    try {
      session.setTimeout(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
      String line = session.readLine();
      note("S: " + ImapTestClient.printable(line));
      return line;
    } catch (SocketTimeoutException e) {
      throw failure(step, "expected " + step.source() + "\nbut nothing (more) arrived within " + timeout.toMillis() + " ms");
    } catch (EOFException e) {
      note("-- the server closed the connection");
      throw failure(step, "expected " + step.source() + "\nbut the server closed the connection");
    } catch (IOException e) {
      throw failure(step, "expected " + step.source() + "\nbut the connection failed: " + e);
    }
  }

  /** Passes if the server closes the current session's connection (or resets it), sending nothing more. */
  void awaitClosed(Step step) {
    ImapTestClient session = session(step);
    String line;
    try {
      session.setTimeout(timeout);
      line = unreadGreetings.containsKey(current) ? unreadGreetings.remove(current) : session.readLine();
    } catch (SocketTimeoutException e) {
      throw failure(step, "expected the server to close the connection\nbut it kept it open for " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      note("-- the server closed the connection" + (e instanceof EOFException ? "" : " (" + e.getMessage() + ")"));
      sessions.remove(current);
      closeQuietly(session);
      return;
    }
    note("S: " + ImapTestClient.printable(line));
    throw failure(step, "expected the server to close the connection\nbut it sent: " + ImapTestClient.printable(line));
  }

  void deliver(Step step, String messageFile) {
    byte[] message;
    try {
      message = ScriptRunner.message(messageFile);
    } catch (IllegalArgumentException e) {
      throw failure(step, e.getMessage());
    }
    target.deliver(account, message);
    note("-- delivered " + messageFile);
  }

  void log(Step step, String text) {
    System.out.println(script.name() + " line " + step.line() + ": " + text);
    note("-- " + text);
  }

  long deadline() {
    return System.nanoTime() + timeout.toNanos();
  }

  /** A script regex with the account and captured values filled in (quoted: they may hold regex characters). */
  Pattern pattern(String regex) {
    return Pattern.compile(fillIn(regex, Pattern::quote));
  }

  /** The bytes of a {@link Step.Send}, with the account and captured values filled in. */
  byte[] bytes(String binaryTemplate) {
    return fillIn(binaryTemplate, ImapScript::binary).getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Remembers what the named groups of a server line's regex matched, for the lines after it. */
  void remember(String regex, Matcher match) {
    for (String name : ImapScript.groupNames(regex)) {
      captured.put(name, match.group(name));
    }
  }

  private String fillIn(String template, Function<String, String> encoding) {
    return ImapScript.PLACEHOLDER.matcher(template).replaceAll(placeholder -> {
      String name = placeholder.group(1);
      String value = name.equals("user") ? account.user()
          : name.equals("password") ? account.password()
          : captured.get(name);
      if (value == null) {
        // the parser lets a captured name through only after the line that captures it
        throw new IllegalStateException("${" + name + "} has not been captured yet");
      }
      return Matcher.quoteReplacement(encoding.apply(value));
    });
  }

  /** The failure of a step: where, what was expected and what came, then the whole transcript so far. */
  AssertionError failure(Step step, String problem) {
    return new AssertionError(script.name() + " line " + step.line() + " (session " + current + "): " + problem
        + "\ntranscript so far ([session] C: sent, S: received):\n  " + String.join("\n  ", transcript));
  }

  @Override
  public void close() {
    sessions.values().forEach(ScriptRun::closeQuietly);
  }

  private ImapTestClient session(Step step) {
    ImapTestClient session = sessions.get(current);
    if (session == null) {
      InetSocketAddress address = target.imapAddress();
      try {
        session = ImapTestClient.connect(address.getHostString(), address.getPort());
      } catch (IOException e) {
        throw failure(step, "cannot connect to " + address + ": " + e);
      }
      note("-- connected to " + address);
      sessions.put(current, session);
      unreadGreetings.put(current, session.greeting());
    }
    return session;
  }

  private void note(String entry) {
    transcript.add("[" + current + "] " + entry);
  }

  private static void closeQuietly(ImapTestClient session) {
    try {
      session.close();
    } catch (IOException e) {
      // the run is over; nothing to tell
    }
  }
}
