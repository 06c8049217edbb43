package io.hotswap.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.vertx.core.Vertx;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Vert.x version check: its decision for versions other than the one on the class path. */
class VertxVersionCheckTest {

  @Test
  void problem_versionOfTheCompiledLine_none() {
    assertThat(VertxVersionCheck.problem("5.0.7", "5.0")).isEmpty();
    assertThat(VertxVersionCheck.problem("5.0.0", "5.0")).isEmpty();
    assertThat(VertxVersionCheck.problem("5.1.6", "5.1")).isEmpty();
    assertThat(VertxVersionCheck.problem("5.1.0-SNAPSHOT", "5.1")).isEmpty();
  }

  @Test
  void problem_unsupportedLine_namesFoundAndSupportedVersions() {
    for (String found : new String[] {"4.5.10", "5.2.0", "5.10.1", "6.0.0-SNAPSHOT"}) {
      Optional<String> problem = VertxVersionCheck.problem(found, "5.0");
      assertThat(problem)
          .hasValueSatisfying(
              message ->
                  assertThat(message)
                      .contains("does not support Vert.x " + found)
                      .contains("supports 5.0.x and 5.1.x"));
    }
  }

  @Test
  void problem_unreadableVersion_isUnsupported() {
    assertThat(VertxVersionCheck.problem("five", "5.0"))
        .hasValueSatisfying(message -> assertThat(message).contains("Vert.x five"));
  }

  @Test
  void problem_supportedLineOfAnotherBuild_namesTheBuildToUse() {
    assertThat(VertxVersionCheck.problem("5.1.6", "5.0"))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains("compiled for Vert.x 5.0.x, found Vert.x 5.1.6")
                    .contains("supports 5.0.x and 5.1.x")
                    .contains("-Dvertx.line=5.1"));
    assertThat(VertxVersionCheck.problem("5.0.7", "5.1"))
        .hasValueSatisfying(
            message ->
                assertThat(message).contains("compiled for Vert.x 5.1.x, found Vert.x 5.0.7"));
  }

  @Test
  void line_majorAndMinor() {
    assertThat(VertxVersionCheck.line("5.1.6")).hasValue("5.1");
    assertThat(VertxVersionCheck.line(" 5.0.7\n")).hasValue("5.0");
    assertThat(VertxVersionCheck.line("5.10.1")).hasValue("5.10");
    assertThat(VertxVersionCheck.line("5.2-SNAPSHOT")).hasValue("5.2");
    assertThat(VertxVersionCheck.line("5")).isEmpty();
    assertThat(VertxVersionCheck.line("")).isEmpty();
  }

  @Test
  void runningVersion_isTheVertxCoreOfThisBuild() {
    assertThat(VertxVersionCheck.runningVersion())
        .hasValueSatisfying(
            version ->
                assertThat(version)
                    .startsWith(CompiledVertxLine.LINE + ".")
                    .isEqualTo(Vertx.class.getPackage().getImplementationVersion()));
  }

  @Test
  void requireSupported_onTheClassPathVertx_passes() {
    assertThatCode(VertxVersionCheck::requireSupported).doesNotThrowAnyException();
  }
}
