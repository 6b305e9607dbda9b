package org.lemongate.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny blocking POP3 client over a plain socket, independent of the code under test, for checking a
 * server's state: "is this UIDL still there?". Every method throws {@link IOException} on {@code -ERR}.
 *
 * <pre>{@code
 * try (RawPop3 pop = RawPop3.login("127.0.0.1", port, "alice", "secret")) {
 *   assertThat(pop.uidl().values()).doesNotContain(deletedUid);
 * }   // close() sends QUIT
 * }</pre>
 */
public final class RawPop3 implements Closeable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final String greeting;

  private RawPop3(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
    this.greeting = requireOk(readLine());
  }

  /** Connects (5 s timeouts) and reads the greeting. */
  public static RawPop3 connect(String host, int port) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), 5000);
      socket.setSoTimeout(5000);
      return new RawPop3(socket);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** Connects and logs in with USER/PASS. */
  public static RawPop3 login(String host, int port, String user, String password) throws IOException {
    RawPop3 pop = connect(host, port);
    try {
      pop.command("USER " + user);
      pop.command("PASS " + password);
      return pop;
    } catch (IOException e) {
      pop.socket.close();
      throw e;
    }
  }

  public String greeting() {
    return greeting;
  }

  /** Sends a command and returns its {@code +OK} status line. */
  public String command(String line) throws IOException {
    send(line);
    return requireOk(readLine());
  }

  /** Sends a command with a multi-line answer and returns its lines, dot-unstuffed. */
  public List<String> multiLine(String line) throws IOException {
    command(line);
    List<String> lines = new ArrayList<>();
    for (String next = readLine(); !next.equals("."); next = readLine()) {
      lines.add(next.startsWith(".") ? next.substring(1) : next);
    }
    return lines;
  }

  /** UIDL: message number to unique-id. */
  public Map<Integer, String> uidl() throws IOException {
    Map<Integer, String> uids = new LinkedHashMap<>();
    for (String line : multiLine("UIDL")) {
      String[] fields = line.split(" ");
      uids.put(Integer.parseInt(fields[0]), fields[1]);
    }
    return uids;
  }

  /** STAT: the number of messages. */
  public int count() throws IOException {
    return Integer.parseInt(command("STAT").split(" ")[1]);
  }

  /** Sends QUIT (committing deletions) and closes. */
  @Override
  public void close() throws IOException {
    try {
      if (!socket.isClosed()) {
        command("QUIT");
      }
    } finally {
      socket.close();
    }
  }

  /** Closes the connection without QUIT: the server must keep every message (RFC 1939 section 6). */
  public void closeWithoutQuit() throws IOException {
    socket.close();
  }

  private void send(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("POP3 server closed the connection");
      }
      line.write(b);
    }
    String text = line.toString(StandardCharsets.UTF_8);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  private static String requireOk(String status) throws IOException {
    if (!status.startsWith("+OK")) {
      throw new IOException("POP3 server answered: " + status);
    }
    return status;
  }
}
