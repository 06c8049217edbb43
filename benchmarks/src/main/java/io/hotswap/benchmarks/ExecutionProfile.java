package io.hotswap.benchmarks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The execution samples of a flight recording, parsed from {@code jfr print --events
 * jdk.ExecutionSample}: each sample's thread and stack (frames as {@code class.method}, leaf
 * first), with counts of leaf frames, of frames anywhere on the stack, and of threads.
 *
 * <p>Immutable after {@link #parse}; thread-safe.
 */
final class ExecutionProfile {
  private static final Pattern THREAD = Pattern.compile("sampledThread = \"([^\"]*)\"");
  private static final Pattern FRAME = Pattern.compile("(?m)^\\s+([^\\s(]+)\\(.*\\)\\s+line:");

  private final List<String> threads;
  private final List<List<String>> stacks;

  private ExecutionProfile(List<String> threads, List<List<String>> stacks) {
    this.threads = threads;
    this.stacks = stacks;
  }

  /** Parses {@code jfr print} text. */
  static ExecutionProfile parse(String text) {
    List<String> threads = new ArrayList<>();
    List<List<String>> stacks = new ArrayList<>();
    String[] blocks = text.split("jdk\\.ExecutionSample \\{");
    for (int i = 1; i < blocks.length; i++) {
      Matcher thread = THREAD.matcher(blocks[i]);
      threads.add(thread.find() ? thread.group(1) : "?");
      List<String> frames = new ArrayList<>();
      Matcher frame = FRAME.matcher(blocks[i]);
      while (frame.find()) {
        frames.add(frame.group(1));
      }
      stacks.add(List.copyOf(frames));
    }
    return new ExecutionProfile(List.copyOf(threads), List.copyOf(stacks));
  }

  /** The number of samples. */
  int samples() {
    return stacks.size();
  }

  /** Samples per thread name, most first. */
  Map<String, Integer> threads() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    threads.forEach(t -> counts.merge(t, 1, Integer::sum));
    return sorted(counts);
  }

  /** Samples per leaf frame whose method {@code matches}, most first. */
  Map<String, Integer> leaves(Predicate<String> matches) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (List<String> stack : stacks) {
      if (!stack.isEmpty() && matches.test(stack.get(0))) {
        counts.merge(stack.get(0), 1, Integer::sum);
      }
    }
    return sorted(counts);
  }

  /** Samples with each method whose name {@code matches} anywhere on the stack, most first. */
  Map<String, Integer> inclusive(Predicate<String> matches) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (List<String> stack : stacks) {
      Set<String> seen = new HashSet<>(stack);
      seen.stream().filter(matches).forEach(m -> counts.merge(m, 1, Integer::sum));
    }
    return sorted(counts);
  }

  /** The number of samples with a method that {@code matches} anywhere on the stack. */
  int samplesWith(Predicate<String> matches) {
    return (int) stacks.stream().filter(s -> s.stream().anyMatch(matches)).count();
  }

  private static Map<String, Integer> sorted(Map<String, Integer> counts) {
    Map<String, Integer> out = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
