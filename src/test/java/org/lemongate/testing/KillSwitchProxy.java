package org.lemongate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * A TCP proxy on 127.0.0.1 in front of a POP server that watches the command lines a client sends
 * and, on the first line its trigger accepts, runs an action (such as killing the client's process)
 * before forwarding that line; or runs it once the server's answers passed a number of bytes. This is how a test crashes the gateway at an exact point of a sync,
 * e.g. after its DELEs and before its QUIT.
 */
public final class KillSwitchProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int targetPort;
  private volatile Predicate<String> trigger = line -> false;
  private volatile Runnable action = () -> { };
  /** Server-to-client bytes after which {@link #action} runs, or -1. */
  private long serverBytesTrigger = -1;
  private long serverBytes;
  /** Pace of the server's answers in bytes per second, 0 for no limit: a slow server. */
  private volatile long serverBytesPerSecond;
  private volatile boolean closed;

  public KillSwitchProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    Thread acceptor = new Thread(this::accept, "kill-switch-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Arms the switch: on the first client line {@code trigger} accepts, {@code action} runs once. */
  public synchronized void arm(Predicate<String> newTrigger, Runnable newAction) {
    this.action = newAction;
    this.trigger = newTrigger;
  }

  /** Slows the server's answers down to about {@code bytesPerSecond}. */
  public void throttle(long bytesPerSecond) {
    this.serverBytesPerSecond = bytesPerSecond;
  }

  /** Arms the switch on the server's answers: {@code action} runs once they pass {@code bytes} in all. */
  public synchronized void armAfterServerBytes(long bytes, Runnable newAction) {
    this.action = newAction;
    this.serverBytes = 0;
    this.serverBytesTrigger = bytes;
  }

  private synchronized boolean fire(String line) {
    if (!trigger.test(line)) {
      return false;
    }
    trigger = l -> false;
    action.run();
    return true;
  }

  private synchronized boolean countServerBytes(int count) {
    serverBytes += count;
    if (serverBytesTrigger < 0 || serverBytes < serverBytesTrigger) {
      return false;
    }
    serverBytesTrigger = -1;
    action.run();
    return true;
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket("127.0.0.1", targetPort);
        pump(server.getInputStream(), client.getOutputStream(), client, server, false);
        pump(client.getInputStream(), server.getOutputStream(), client, server, true);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(InputStream from, OutputStream to, Socket a, Socket b, boolean watchLines) {
    Thread pump = new Thread(() -> {
      try (a; b) {
        if (!watchLines) {
          byte[] buffer = new byte[8192];
          for (int read = from.read(buffer); read >= 0; read = from.read(buffer)) {
            if (countServerBytes(read)) {
              return;
            }
            to.write(buffer, 0, read);
            long pace = serverBytesPerSecond;
            if (pace > 0) {
              Thread.sleep(read * 1000L / pace);
            }
          }
          return;
        }
        InputStream in = new java.io.BufferedInputStream(from);
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
          line.write(c);
          if (c == '\n') {
            if (fire(line.toString(StandardCharsets.ISO_8859_1).trim())) {
              return;
            }
            line.writeTo(to);
            line.reset();
          }
        }
      } catch (IOException e) {
        // one side went away: close both
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "kill-switch-pump");
    pump.setDaemon(true);
    pump.start();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
  }
}
