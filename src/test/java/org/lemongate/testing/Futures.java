package org.lemongate.testing;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for Vert.x futures from a test thread, with a bound so a hung test fails instead. */
public final class Futures {
  private static final long SECONDS = 20;

  private Futures() {
  }

  /** The result, or the failure rethrown (unchecked as it came, or wrapped). */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new AssertionError("future not completed within " + SECONDS + " s");
    }
  }

  /** The failure of a future that must fail; an AssertionError if it succeeds. */
  public static Throwable awaitFailure(Future<?> future) {
    try {
      Object result = await(future);
      throw new AssertionError("expected a failure, got " + result);
    } catch (RuntimeException failure) {
      return failure;
    }
  }
}
