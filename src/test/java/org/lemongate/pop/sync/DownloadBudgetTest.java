package org.lemongate.pop.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DownloadBudgetTest {

  @Test
  void takesUpToTheLimitThenOnlyForASyncWithNothingInFlight() {
    DownloadBudget budget = new DownloadBudget(1_000);

    assertThat(budget.tryTake(600, true)).isTrue();
    assertThat(budget.tryTake(400, false)).isTrue();
    assertThat(budget.tryTake(1, false)).as("the budget is spent").isFalse();
    assertThat(budget.tryTake(5_000, true)).as("a sync with nothing in flight still gets one message").isTrue();
    assertThat(budget.takenBytes()).isEqualTo(6_000);
  }

  @Test
  void givingBackWakesTheWaitingSyncsInTheOrderTheyWaited() {
    DownloadBudget budget = new DownloadBudget(1_000);
    budget.tryTake(1_000, true);
    List<String> woken = new ArrayList<>();
    budget.whenFreed(() -> woken.add("first"));
    budget.whenFreed(() -> woken.add("second"));

    budget.give(300);

    assertThat(woken).containsExactly("first", "second");
    assertThat(budget.takenBytes()).isEqualTo(700);
  }

  @Test
  void aWokenSyncThatTakesTheBudgetAgainLeavesTheOthersWaiting() {
    DownloadBudget budget = new DownloadBudget(1_000);
    budget.tryTake(1_000, true);
    List<String> woken = new ArrayList<>();
    budget.whenFreed(() -> {
      woken.add("greedy");
      budget.tryTake(500, false);
    });
    budget.whenFreed(() -> woken.add("patient"));

    budget.give(500);

    assertThat(woken).containsExactly("greedy");
    budget.give(500);
    assertThat(woken).containsExactly("greedy", "patient");
  }
}
