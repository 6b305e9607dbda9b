package org.lemongate.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * What {@link ScriptedPop3Server} does instead of its normal answer to a command (or the greeting):
 * a scripted answer, or a misbehaviour. Install with {@link ScriptedPop3Server.Builder#on}.
 *
 * <pre>{@code
 * .on("PASS", ScriptedReply.line("-ERR [IN-USE] maildrop locked"))
 * .on("RETR 2", ScriptedReply.truncated(100))     // only RETR 2; "RETR" alone matches every RETR
 * .on("QUIT", ScriptedReply.line("-ERR disk full"))  // deletions are then not committed
 * }</pre>
 */
@FunctionalInterface
public interface ScriptedReply {

  void send(Exchange exchange) throws IOException;

  /** The session, as a reply sees it. */
  interface Exchange {
    /** The command line being answered ("greeting" for the greeting). */
    String command();

    /** The answer the server would give, with its effects applied (a login, a deletion mark...). */
    byte[] normalAnswer() throws IOException;

    /** Writes bytes as they are, in one packet when small. */
    void write(byte[] bytes) throws IOException;

    /** Closes the connection without a word (no deletions are committed). */
    void disconnect() throws IOException;

    /** Never answers again: reads and drops whatever the client sends until it goes away. */
    void ignoreClient() throws IOException;

    /** Runs the server side of a TLS handshake; later commands are read from the encrypted stream. */
    void startTls() throws IOException;
  }

  /** One status line, e.g. {@code "-ERR [SYS/TEMP] try later"}; CRLF is added. */
  static ScriptedReply line(String statusLine) {
    return exchange -> exchange.write(bytes(statusLine + "\r\n"));
  }

  /** Exactly these characters (ISO-8859-1), line ends included; e.g. a made-up listing. */
  static ScriptedReply raw(String text) {
    return exchange -> exchange.write(bytes(text));
  }

  /** No answer, ever. */
  static ScriptedReply silence() {
    return Exchange::ignoreClient;
  }

  /** Closes the connection instead of answering. */
  static ScriptedReply disconnect() {
    return Exchange::disconnect;
  }

  /** The first {@code bytes} bytes of the normal answer, then the connection is closed (e.g. mid-RETR). */
  static ScriptedReply truncated(int bytes) {
    return exchange -> {
      byte[] answer = exchange.normalAnswer();
      exchange.write(Arrays.copyOf(answer, Math.min(bytes, answer.length)));
      exchange.disconnect();
    };
  }

  /** The normal multi-line answer without its terminating {@code .} line, then silence. */
  static ScriptedReply unterminated() {
    return exchange -> {
      byte[] answer = exchange.normalAnswer();
      int terminator = ".\r\n".length();
      exchange.write(Arrays.copyOf(answer, Math.max(0, answer.length - terminator)));
      exchange.ignoreClient();
    };
  }

  /** The normal answer in {@code pieces} parts with a pause before each but the first: a slow link. */
  static ScriptedReply slowly(int pieces, Duration pause) {
    return exchange -> {
      byte[] answer = exchange.normalAnswer();
      for (int i = 0; i < pieces; i++) {
        if (i > 0 && !pause(pause)) {
          return;
        }
        exchange.write(Arrays.copyOfRange(answer, answer.length * i / pieces, answer.length * (i + 1) / pieces));
      }
    };
  }

  /** A pause, then the normal answer: commands sent meanwhile are waiting when it starts. */
  static ScriptedReply delayed(Duration pause) {
    return exchange -> {
      if (pause(pause)) {
        exchange.write(exchange.normalAnswer());
      }
    };
  }

  /**
   * The normal answer, then a pause before anything else. After QUIT: the session keeps the maildrop
   * locked for {@code pause} after its {@code +OK}, and only then closes the connection.
   */
  static ScriptedReply thenLinger(Duration pause) {
    return exchange -> {
      exchange.write(exchange.normalAnswer());
      pause(pause);
    };
  }

  /** Sleeps; false if interrupted. */
  private static boolean pause(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** {@code +OK}, then one line of {@code bytes} 'x' bytes that never ends, then silence. */
  static ScriptedReply endlessLine(long bytes) {
    return exchange -> {
      exchange.write(bytes("+OK here it comes\r\n"));
      byte[] chunk = new byte[64 * 1024];
      Arrays.fill(chunk, (byte) 'x');
      for (long sent = 0; sent < bytes; sent += chunk.length) {
        exchange.write(Arrays.copyOf(chunk, (int) Math.min(chunk.length, bytes - sent)));
      }
      exchange.ignoreClient();
    };
  }

  /**
   * Writes {@code text} in one packet, then starts TLS. For STLS: {@code "+OK go\r\n"} followed by
   * bytes a man in the middle might inject before the handshake, which the client must ignore.
   */
  static ScriptedReply startTlsAfter(String text) {
    return exchange -> {
      exchange.write(bytes(text));
      exchange.startTls();
    };
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
