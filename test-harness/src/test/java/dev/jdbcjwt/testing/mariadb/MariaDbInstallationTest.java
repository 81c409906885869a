package dev.jdbcjwt.testing.mariadb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MariaDbInstallationTest {

  @TempDir
  Path empty;

  @Test
  void anEmptyMachineIsToldEveryPackageToInstall() {
    MariaDbInstallation.Layout nothing = new MariaDbInstallation.Layout(List.of(empty), List.of(empty),
        List.of(empty), empty.resolve("python3"), empty.resolve("pam.d"), Optional.empty());

    MariaDbUnavailableException e =
        catchThrowableOfType(MariaDbUnavailableException.class, () -> MariaDbInstallation.locate(nothing));

    assertThat(e).isNotNull();
    assertThat(e.getMessage())
        .contains("mariadbd", "auth_pam.so", "pam_python.so", "openssl", "must run as root")
        .contains("apt-get install -y mariadb-server libpam-python python3-jwt python3-cryptography openssl");
  }

  @Test
  void aPluginDirectoryWithoutAuthPamToolIsReportedWithItsRemedy() throws IOException {
    Path pluginDir = Files.createDirectories(empty.resolve("plugin"));
    Files.createFile(pluginDir.resolve("auth_pam.so"));
    MariaDbInstallation.Layout layout = new MariaDbInstallation.Layout(List.of(empty), List.of(pluginDir),
        List.of(empty), empty.resolve("python3"), empty, Optional.empty());

    MariaDbUnavailableException e =
        catchThrowableOfType(MariaDbUnavailableException.class, () -> MariaDbInstallation.locate(layout));

    assertThat(e.getMessage())
        .contains(pluginDir.resolve("auth_pam_tool_dir/auth_pam_tool").toString())
        .contains("apt-get install --reinstall mariadb-server")
        .contains(MariaDbInstallation.AUTH_PAM_TOOL_PROPERTY);
  }

  @Test
  void thisMachineHasEverything() {
    assertThat(MariaDbInstallation.locate()).isNotNull();
  }
}
