package io.hotswap.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MXBean through a real JMX connector (RMI on loopback), used the way a generic JMX client
 * does: attribute and operation calls by name, results as open types only.
 */
class HotSwapMXBeanIT {
  @TempDir Path workDir;

  @Test
  void reloadAndAttributes_throughARemoteConnector_useOpenTypesOnly() throws Exception {
    try (Harness harness =
        Harness.start(workDir, Fixture.V1, options -> options.applicationName("jmx-it"))) {
      JMXConnectorServer server =
          JMXConnectorServerFactory.newJMXConnectorServer(
              new JMXServiceURL("service:jmx:rmi://127.0.0.1"),
              null,
              ManagementFactory.getPlatformMBeanServer());
      server.start();
      try (JMXConnector connector = JMXConnectorFactory.connect(server.getAddress())) {
        MBeanServerConnection connection = connector.getMBeanServerConnection();
        ObjectName name = new ObjectName("io.hotswap:type=HotSwap,name=jmx-it");

        assertThat(connection.getAttribute(name, "Name")).isEqualTo("jmx-it");
        assertThat(connection.getAttribute(name, "ActiveGeneration")).isEqualTo(1L);

        harness.installOnly(Fixture.V2);
        Object outcome = connection.invoke(name, "reload", new Object[0], new String[0]);
        assertThat(outcome).isInstanceOf(CompositeData.class);
        CompositeData reload = (CompositeData) outcome;
        assertThat(reload.get("status")).isEqualTo("ACTIVATED");
        assertThat(reload.get("generation")).isEqualTo(2L);
        assertThat((Long) reload.get("totalMillis")).isNotNegative();
        assertThat(harness.get("/").body()).isEqualTo("v2");

        assertThat(connection.getAttribute(name, "ActiveGeneration")).isEqualTo(2L);
        assertThat(connection.getAttribute(name, "ReloadCount")).isEqualTo(2L);
        assertThat((String) connection.getAttribute(name, "LastReloadOutcome"))
            .contains("gen-2 ACTIVATED");
        CompositeData[] generations =
            (CompositeData[]) connection.getAttribute(name, "Generations");
        assertThat(generations).hasSize(2);
        assertThat(generations[1].get("state")).isEqualTo("ACTIVE");
        assertThat(generations[1].get("trigger")).isEqualTo("jmx");

        String status =
            (String) connection.invoke(name, "statusJson", new Object[0], new String[0]);
        assertThat(status).contains("\"reloadCount\":2");
        io.vertx.core.json.JsonObject jvm =
            new io.vertx.core.json.JsonObject(status).getJsonObject("jvm");
        assertThat(jvm.getLong("metaspaceUsedBytes")).isPositive();
        assertThat(jvm.getInteger("loadedClasses")).isPositive();
        assertThat((Long) connection.getAttribute(name, "MetaspaceUsedBytes")).isPositive();
        assertThat((Integer) connection.getAttribute(name, "LoadedClassCount")).isPositive();
        assertThat((Long) connection.getAttribute(name, "UnloadedClassCount")).isNotNegative();
      } finally {
        server.stop();
      }
    }
  }
}
