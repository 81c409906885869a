package dev.jdbcjwt.token.providers.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

@DisabledOnOs(OS.WINDOWS)
class CommandRunnerTest {

  /**
   * A command that prints more than a pipe holds and exits at once: its last output is still in the pipe when it has
   * exited, and ending the run (killing what is left of it) must not close the pipe before that output is read.
   */
  @RepeatedTest(5)
  void everythingACommandPrintedBeforeExitingIsRead() throws Exception {
    CommandRunner.Result r = new CommandRunner(List.of("sh", "-c",
        "head -c 300000 /dev/zero | tr '\\000' a; printf 'end' >&2"), Duration.ofSeconds(20)).run();
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).hasSize(300_000);
    assertThat(r.stderr()).isEqualTo("end");
  }
}
