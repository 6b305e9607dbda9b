package org.lemongate.testing.imapscript;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lemongate.testing.ImapTestClient;

/** One line (or block) of an {@link ImapScript}, and what running it does. */
sealed interface Step {
  /** Where the step stands in its script, counting from 1. */
  int line();

  /** The script line as written, for failure messages. */
  String source();

  void run(ScriptRun run) throws IOException, InterruptedException;

  /** {@code C:} or {@code C-RAW:}: sends bytes, given as a binary string with {@code ${user}} and {@code ${password}} left in. */
  record Send(int line, String source, String bytes) implements Step {
    @Override
    public void run(ScriptRun run) throws IOException {
      run.send(this, run.bytes(bytes));
    }
  }

  /** {@code S:}: the next line must match the regex, whole. */
  record Expect(int line, String source, String regex) implements Step {
    @Override
    public void run(ScriptRun run) throws IOException {
      String received = run.readLine(this);
      Matcher match = run.pattern(regex).matcher(received);
      if (!match.matches()) {
        throw run.failure(this, "expected " + source + "\nbut the server sent: " + ImapTestClient.printable(received));
      }
      run.remember(regex, match);
    }
  }

  /** {@code UNORDERED { S: … }}: as many lines as expectations, each matching a different one. */
  record ExpectUnordered(int line, String source, List<Expect> expectations) implements Step {
    @Override
    public void run(ScriptRun run) throws IOException {
      List<String> received = new ArrayList<>();
      for (Expect expectation : expectations) {
        received.add(run.readLine(expectation));
      }
      List<Pattern> patterns = expectations.stream().map(expectation -> run.pattern(expectation.regex())).toList();
      int[] assignment = new int[received.size()];
      if (!assign(received, 0, patterns, new boolean[patterns.size()], assignment)) {
        throw run.failure(this, "expected these lines in any order:\n  "
            + String.join("\n  ", expectations.stream().map(Expect::source).toList())
            + "\nbut the server sent:\n  "
            + String.join("\n  ", received.stream().map(ImapTestClient::printable).toList()));
      }
      for (int i = 0; i < received.size(); i++) {
        Matcher match = patterns.get(assignment[i]).matcher(received.get(i));
        match.matches();
        run.remember(expectations.get(assignment[i]).regex(), match);
      }
    }

    /**
     * Whether lines from {@code next} on can each match a distinct unused pattern (backtracking; blocks
     * are small); {@code assignment} gets the pattern of each line.
     */
    private static boolean assign(List<String> lines, int next, List<Pattern> patterns, boolean[] used,
        int[] assignment) {
      if (next == lines.size()) {
        return true;
      }
      for (int i = 0; i < patterns.size(); i++) {
        if (!used[i] && patterns.get(i).matcher(lines.get(next)).matches()) {
          used[i] = true;
          assignment[next] = i;
          if (assign(lines, next + 1, patterns, used, assignment)) {
            return true;
          }
          used[i] = false;
        }
      }
      return false;
    }
  }

  /** {@code UNTIL:}: skips lines until one matches, within the read timeout; for pushed data such as IDLE's. */
  record Until(int line, String source, String regex) implements Step {
    @Override
    public void run(ScriptRun run) throws IOException {
      Pattern pattern = run.pattern(regex);
      long deadline = run.deadline();
      Matcher match;
      do {
        match = pattern.matcher(run.readLineBefore(this, deadline));
      } while (!match.matches());
      run.remember(regex, match);
    }
  }

  /** {@code CLOSED}: the server closes the connection without sending anything more. */
  record Closed(int line, String source) implements Step {
    @Override
    public void run(ScriptRun run) throws IOException {
      run.awaitClosed(this);
    }
  }

  /** {@code SESSION: n}: the following lines talk over connection n, opened at its first use. */
  record SwitchSession(int line, String source, int session) implements Step {
    @Override
    public void run(ScriptRun run) {
      run.switchTo(session);
    }
  }

  /** {@code WAIT: ms}. */
  record Wait(int line, String source, long millis) implements Step {
    @Override
    public void run(ScriptRun run) throws InterruptedException {
      Thread.sleep(millis);
    }
  }

  /** {@code DELIVER: file}: a new message arrives in the INBOX. */
  record Deliver(int line, String source, String messageFile) implements Step {
    @Override
    public void run(ScriptRun run) {
      run.deliver(this, messageFile);
    }
  }

  /** {@code LOG: text}: printed, and noted in the transcript. */
  record Log(int line, String source, String text) implements Step {
    @Override
    public void run(ScriptRun run) {
      run.log(this, text);
    }
  }
}
