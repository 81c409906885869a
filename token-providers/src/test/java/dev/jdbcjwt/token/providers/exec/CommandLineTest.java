package dev.jdbcjwt.token.providers.exec;

import dev.jdbcjwt.token.TokenException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest {

  @Test
  void splitsLikeAShellWithoutExpandingAnything() throws Exception {
    assertThat(CommandLine.split("az account get-access-token --resource https://x -o json"))
        .containsExactly("az", "account", "get-access-token", "--resource", "https://x", "-o", "json");
    assertThat(CommandLine.split("  tool   'a b'  \"c \\\"d\\\" \\\\ e\" f\\ g $HOME *.txt 'it''s' \"\"  "))
        .containsExactly("tool", "a b", "c \"d\" \\ e", "f g", "$HOME", "*.txt", "its", "");
    assertThat(CommandLine.split("sh -c 'echo $X | tr a b'")).containsExactly("sh", "-c", "echo $X | tr a b");
  }

  @Test
  void refusesWhatCannotBeSplit() {
    assertThatThrownBy(() -> CommandLine.split("tool 'open")).hasMessage("jwt.command has an unclosed ' quote");
    assertThatThrownBy(() -> CommandLine.split("tool \"open")).hasMessage("jwt.command has an unclosed \" quote");
    assertThatThrownBy(() -> CommandLine.split("tool \\")).hasMessage("jwt.command ends with a lone backslash");
    assertThatThrownBy(() -> CommandLine.split("   ")).isInstanceOf(TokenException.class)
        .hasMessageStartingWith("jwt.command names no program");
  }
}
