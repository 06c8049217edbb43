package io.hotswap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test parser accepts the format and refuses what breaks it (its negative control). */
class PrometheusTextParserTest {

  @Test
  void parse_wellFormedExposition_readsFamiliesLabelsAndValues() {
    Map<String, PrometheusTextParser.Family> families =
        PrometheusTextParser.parse(
            "# HELP a_total Things\\\\ counted\\n here\n"
                + "# TYPE a_total counter\n"
                + "a_total{x=\"q\\\"uo\\\\te\\n\",y=\"\",} 3.0\n"
                + "a_total 1e3 1700000000000\n"
                + "# TYPE d_seconds summary\n"
                + "d_seconds_count{phase=\"total\"} 2\n"
                + "d_seconds_sum{phase=\"total\"} 0.25\n"
                + "# a comment\n"
                + "g NaN\n"
                + "h -Inf\n");
    assertThat(families).containsOnlyKeys("a_total", "d_seconds", "g", "h");
    PrometheusTextParser.Family counter = families.get("a_total");
    assertThat(counter.type()).isEqualTo("counter");
    assertThat(counter.help()).isEqualTo("Things\\ counted\n here");
    assertThat(counter.samples().get(0).labels()).containsEntry("x", "q\"uo\\te\n");
    assertThat(counter.samples().get(1).value()).isEqualTo(1000.0);
    assertThat(families.get("d_seconds").samples()).hasSize(2);
    assertThat(families.get("g").type()).isEqualTo("untyped");
  }

  @Test
  void parse_malformedLines_areRefused() {
    for (String bad :
        new String[] {
          "1abc 1\n",
          "a{x=\"1\"} one\n",
          "a{x=1} 1\n",
          "a{x=\"1\" 1\n",
          "a{x=\"\\t\"} 1\n",
          "a{__x=\"1\"} 1\n",
          "a{x=\"1\",x=\"2\"} 1\n",
          "a 1\na 2\n",
          "a 1\nb 1\na 2\n",
          "a 1\n# TYPE a gauge\n",
          "# TYPE a gauge\n# TYPE a gauge\n",
          "# TYPE a meter\n",
          "a 1 soon\n",
          "a 1",
          "a\n",
        }) {
      assertThatThrownBy(() -> PrometheusTextParser.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
