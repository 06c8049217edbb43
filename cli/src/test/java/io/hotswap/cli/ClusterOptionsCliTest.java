package io.hotswap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster options of {@code run}, {@code reload} and {@code status}, refused before any I/O.
 */
class ClusterOptionsCliTest {
  @TempDir Path dir;

  @Test
  void run_worldReadableKeyFile_isRefusedWithTheChmodFix() throws Exception {
    Path key = key("0123456789abcdef0123456789abcdef", "rw-r--r--");

    CliRun run = cli("run", "--code", dir.toString(), "--cluster-key-file", key.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains(key.toString()).contains("chmod 600 " + key);
  }

  @Test
  void run_groupWritableKeyFile_isRefused() throws Exception {
    Path key = key("0123456789abcdef0123456789abcdef", "rw--w----");

    CliRun run = cli("run", "--code", dir.toString(), "--cluster-key-file", key.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("readable or writable by other users");
  }

  @Test
  void run_shortKey_isAUsageError() throws Exception {
    Path key = key("too-short\n", "rw-------");

    CliRun run = cli("run", "--code", dir.toString(), "--cluster-key-file", key.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("at least 16").contains(key.toString());
  }

  @Test
  void run_missingKeyFile_isAUsageError() {
    Path key = dir.resolve("absent.key");

    CliRun run = cli("run", "--code", dir.toString(), "--cluster-key-file", key.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("does not exist");
  }

  @Test
  void run_clusterOptionWithoutKeyFile_isAUsageError() {
    CliRun run = cli("run", "--code", dir.toString(), "--cluster-name", "shop");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--cluster-name needs --cluster-key-file");
  }

  @Test
  void reload_toWithCluster_isAUsageError() {
    CliRun reload = cli("reload", "--cluster", "--to", "gen-3", "--name", "nobody");

    assertThat(reload.exitCode()).isEqualTo(2);
    assertThat(reload.err()).contains("--to and --cluster cannot be combined");
  }

  @Test
  void reload_twoPhaseWithoutCluster_isAUsageError() {
    CliRun reload = cli("reload", "--two-phase", "--name", "nobody");

    assertThat(reload.exitCode()).isEqualTo(2);
    assertThat(reload.err()).contains("--two-phase needs --cluster");
  }

  @Test
  void reload_unknownNodeLossPolicy_isAUsageError() {
    CliRun reload = cli("reload", "--cluster", "--on-node-loss", "retry", "--name", "nobody");

    assertThat(reload.exitCode()).isEqualTo(2);
    assertThat(reload.err()).contains("continue or abort");
  }

  private Path key(String text, String permissions) throws Exception {
    Path key = Files.writeString(dir.resolve("cluster-" + permissions + ".key"), text);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString(permissions));
    return key;
  }

  private static CliRun cli(String... args) {
    return CliRun.of(args);
  }
}
