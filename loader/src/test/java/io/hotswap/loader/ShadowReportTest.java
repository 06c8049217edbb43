package io.hotswap.loader;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hotswap.loader.testing.JavaSourceCompiler;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ShadowReportTest {

  @TempDir Path dir;

  @Test
  void of_classesAlsoOnHost_reportsBothKinds() throws Exception {
    Map<String, String> sources =
        Map.of(
            "com.acme.Greeter", "package com.acme; public class Greeter {}",
            "com.shared.Dto", "package com.shared; public class Dto {}");
    Path hostDir = JavaSourceCompiler.compile(dir.resolve("host"), sources);
    Path classes =
        JavaSourceCompiler.compile(
            dir.resolve("classes"),
            Map.of(
                "com.acme.Greeter", "package com.acme; public class Greeter {}",
                "com.shared.Dto", "package com.shared; public class Dto {}",
                "com.acme.Only", "package com.acme; public class Only {}"));
    Snapshot snapshot = new Snapshotter(CodeSource.of(classes)).take();
    ParentFirstPolicy policy = ParentFirstPolicy.defaults().withPackages(List.of("com.shared"));

    ShadowReport report;
    try (URLClassLoader host = new URLClassLoader(new URL[] {hostDir.toUri().toURL()}, null)) {
      report = ShadowReport.of(snapshot, host, policy);
    }

    assertThat(report.isEmpty()).isFalse();
    assertThat(report.shadowed())
        .containsExactly(
            new ShadowedClass("com.acme.Greeter", ShadowedClass.Kind.ALSO_ON_HOST),
            new ShadowedClass("com.shared.Dto", ShadowedClass.Kind.SERVED_BY_HOST));
  }

  @Test
  void of_nothingOnHost_isEmpty() {
    Snapshot snapshot = Snapshot.of(Map.of("com/acme/Only.class", new byte[] {1}));

    ShadowReport report =
        ShadowReport.of(
            snapshot, ShadowReportTest.class.getClassLoader(), ParentFirstPolicy.defaults());

    assertThat(report.isEmpty()).isTrue();
  }

  @Test
  void log_shadowedClasses_warnsEachWithGeneration() {
    Snapshot snapshot =
        Snapshot.of(
            Map.of(
                "org/slf4j/Logger.class", new byte[] {1},
                "io/hotswap/loader/Snapshot.class", new byte[] {2}));
    ShadowReport report =
        ShadowReport.of(
            snapshot, ShadowReportTest.class.getClassLoader(), ParentFirstPolicy.defaults());
    Logger logger = (Logger) LoggerFactory.getLogger("shadow-report-test");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    logger.setAdditive(false);

    report.log(logger, 7);

    assertThat(appender.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .satisfiesExactly(
            line -> assertThat(line).startsWith("gen-7: io.hotswap.loader.Snapshot is also on"),
            line -> assertThat(line).startsWith("gen-7: org.slf4j.Logger is in a parent-first"));
    assertThat(appender.list).allMatch(event -> event.getLevel().toString().equals("WARN"));
  }
}
