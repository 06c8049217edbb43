package io.hotswap.benchmarks;

import io.hotswap.GenerationState;
import io.hotswap.HotSwap;
import io.hotswap.ReloadOutcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server process's control port, used only by the load harness: {@code GET /reload} switches
 * the entry point's build and reloads, answering the outcome's timings; {@code GET /stats[?gc=1]}
 * answers process CPU time, drain times, metaspace and class counts (after {@code System.gc()} when
 * asked). Keeps the measurement inside the process, where it is not skewed by the client.
 *
 * <p>Thread-safe: the drain record is written by the supervisor's listener and read by requests.
 */
final class ControlApi {
  private final Vertx vertx;
  private final HotSwap hotSwap;
  private final Path codeDir;
  private final GeneratedModule module;
  private final Map<Long, Long> drainingSince = new ConcurrentHashMap<>();
  private final List<Long> drainNanos = new ArrayList<>();
  private boolean buildB;

  ControlApi(Vertx vertx, HotSwap hotSwap, Path codeDir) {
    this.vertx = vertx;
    this.hotSwap = hotSwap;
    this.codeDir = codeDir;
    this.module = codeDir == null ? null : ModuleGenerator.module(classesIn(codeDir));
    if (hotSwap != null) {
      hotSwap.addListener(
          info -> {
            if (info.state() == GenerationState.DRAINING) {
              drainingSince.put(info.id(), System.nanoTime());
            } else if (info.state() == GenerationState.RETIRED) {
              Long since = drainingSince.remove(info.id());
              if (since != null) {
                synchronized (drainNanos) {
                  drainNanos.add(System.nanoTime() - since);
                }
              }
            }
          });
    }
  }

  /** Listens on {@code port} (0 for any); the future holds the bound port. */
  Future<Integer> listen(int port) {
    return vertx
        .createHttpServer()
        .requestHandler(this::handle)
        .listen(port, "127.0.0.1")
        .map(server -> server.actualPort());
  }

  private void handle(HttpServerRequest request) {
    Future<JsonObject> answer =
        switch (request.path()) {
          case "/reload" -> reload();
          case "/stats" -> stats("1".equals(request.getParam("gc")));
          default -> Future.failedFuture("unknown path " + request.path());
        };
    answer.onComplete(
        done -> {
          if (done.succeeded()) {
            request.response().end(done.result().encode());
          } else {
            request.response().setStatusCode(500).end(String.valueOf(done.cause()));
          }
        });
  }

  private Future<JsonObject> reload() {
    if (hotSwap == null) {
      return Future.failedFuture("not a hotswap server");
    }
    buildB = !buildB;
    boolean build = buildB;
    return vertx
        .executeBlocking(
            () -> {
              module.switchBuild(codeDir, build);
              return null;
            })
        .compose(v -> hotSwap.reload("bench"))
        .map(ControlApi::describe);
  }

  private static JsonObject describe(ReloadOutcome outcome) {
    return new JsonObject()
        .put("status", outcome.status().name())
        .put("generation", outcome.generation())
        .put("totalNanos", outcome.timings().total().toNanos())
        .put("loadingNanos", outcome.timings().loading().toNanos())
        .put("startingNanos", outcome.timings().starting().toNanos())
        .put("failure", outcome.failureMessage().orElse(null));
  }

  private Future<JsonObject> stats(boolean gc) {
    return vertx.executeBlocking(
        () -> {
          if (gc) {
            System.gc();
            System.gc();
          }
          ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
          long metaspace = 0;
          for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if ("Metaspace".equals(pool.getName())) {
              metaspace = pool.getUsage().getUsed();
            }
          }
          JsonArray drains;
          synchronized (drainNanos) {
            drains = new JsonArray(new ArrayList<Object>(drainNanos));
          }
          return new JsonObject()
              .put("cpuNanos", cpuNanos())
              .put("metaspaceUsed", metaspace)
              .put("loadedClasses", classes.getLoadedClassCount())
              .put("unloadedClasses", classes.getUnloadedClassCount())
              .put("drainNanos", drains);
        });
  }

  private static long cpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return -1;
  }

  private static int classesIn(Path codeDir) {
    try (var files = java.nio.file.Files.walk(codeDir)) {
      return (int) files.filter(f -> f.toString().endsWith(".class")).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
