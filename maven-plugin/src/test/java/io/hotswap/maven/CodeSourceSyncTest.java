package io.hotswap.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeSourceSyncTest {
  @TempDir Path temp;

  @Test
  void apply_changedAddedAndVanishedFiles_mirrorsTheStagingTree() throws IOException {
    Path staging = temp.resolve("staging");
    Path classes = temp.resolve("classes");
    write(staging.resolve("app/Same.class"), "same");
    write(staging.resolve("app/Changed.class"), "new");
    write(staging.resolve("app/Added.class"), "added");
    write(staging.resolve("app.properties"), "k=v");
    write(classes.resolve("app/Same.class"), "same");
    write(classes.resolve("app/Changed.class"), "old");
    write(classes.resolve("app/gone/Gone.class"), "gone");
    write(classes.resolve("app/gone/deeper/Deeper.class"), "gone");
    write(classes.resolve("app.properties"), "k=v");

    CodeSourceSync.Changes changes = CodeSourceSync.apply(staging, classes);

    assertThat(changes).isEqualTo(new CodeSourceSync.Changes(2, 2));
    assertThat(Files.readString(classes.resolve("app/Changed.class"))).isEqualTo("new");
    assertThat(Files.readString(classes.resolve("app/Added.class"))).isEqualTo("added");
    assertThat(classes.resolve("app/gone")).doesNotExist();
    assertThat(CodeSourceSync.apply(staging, classes).none()).isTrue();
  }

  @Test
  void deleteTree_missingDirectory_doesNothing() throws IOException {
    CodeSourceSync.deleteTree(temp.resolve("absent"));
    assertThat(temp.resolve("absent")).doesNotExist();
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
