package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.loader.testing.JavaSourceCompiler;
import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import io.hotswap.testing.HttpAnswer;
import io.vertx.core.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invariant 7 and static isolation: a generation's classes and statics are its own. */
class IsolationIT {
  @TempDir Path workDir;

  @Test
  void runningGeneration_codeDirectoryChangedOrDeleted_keepsServingItsSnapshot() throws Exception {
    try (Harness harness = Harness.start(workDir, Fixture.V1)) {
      // Overwrite one class with v2's bytes and delete another: neither reaches gen-1.
      harness.installOnly(Fixture.V2);
      Files.delete(JavaSourceCompiler.classFile(harness.codeDir(), "fixture.app.Lazy"));

      assertThat(harness.get("/lazy").body()).isEqualTo("lazy-v1");
      assertThat(harness.get("/").body()).isEqualTo("v1");

      // A half-written build (a class file cut short) fails to load and changes nothing.
      harness.installOnly(Fixture.TRUNCATED_CLASS);
      ReloadOutcome halfWritten = harness.reload();
      assertThat(halfWritten.failed()).isTrue();
      assertThat(harness.get("/lazy").body()).isEqualTo("lazy-v1");

      harness.installOnly(Fixture.V2);
      assertThat(harness.reload().activated()).isTrue();
      assertThat(harness.get("/lazy").body()).isEqualTo("lazy-v2");
    }
  }

  @Test
  void generations_sameClassName_haveTheirOwnStatics() {
    try (Harness harness = Harness.start(workDir, Fixture.V1)) {
      for (int i = 1; i <= 5; i++) {
        assertThat(harness.get("/hits").body()).isEqualTo(Integer.toString(i));
      }
      // A request held open on gen-1 keeps it alive while gen-2 counts from zero.
      Future<HttpAnswer> held = harness.getAsync("/slow?ms=800");
      assertThat(harness.install(Fixture.V1).activated()).isTrue();
      assertThat(harness.get("/hits").body()).isEqualTo("1");
      assertThat(harness.get("/hits").body()).isEqualTo("2");
      assertThat(Harness.await(held).generation()).isEqualTo(1);
    }
  }
}
