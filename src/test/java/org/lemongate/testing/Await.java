package org.lemongate.testing;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Blocks a test thread (never an event loop) on a Vert.x future. */
public final class Await {
  private Await() {
  }

  public static <T> T await(Future<T> future) {
    return await(future, 30);
  }

  public static <T> T await(Future<T> future, int seconds) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new AssertionError("future failed", e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("future did not complete in " + seconds + " s", e);
    }
  }

  /** The failure of a future that must fail. */
  public static Throwable failureOf(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("future did not complete", e);
    }
    throw new AssertionError("future succeeded but was expected to fail");
  }
}
