package org.lemongate.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** Collects what the gateway logs, at every level, for as long as it is open; safe across threads. */
public final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Logger lemongate = (Logger) LoggerFactory.getLogger("org.lemongate");
  private final Level previousLevel = lemongate.getLevel();
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      lines.add(event.getLevel() + " " + event.getFormattedMessage()
          + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage()));
    }
  };

  public LogCapture() {
    appender.start();
    root.addAppender(appender);
    lemongate.setLevel(Level.ALL);
  }

  /** Every line logged so far, formatted, with the level first. */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    lemongate.setLevel(previousLevel);
  }
}
