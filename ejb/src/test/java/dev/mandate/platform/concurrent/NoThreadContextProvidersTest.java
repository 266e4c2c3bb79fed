package dev.mandate.platform.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoThreadContextProvidersTest {

    @TempDir
    Path classpath;

    @Test
    void offersNoThreadContextProvidersWhereItsParentDoesAndEverythingElseAsItsParent() throws Exception {
        write(ContainerTasks.PROVIDERS, "com.example.SomeContextProvider\n");
        write("META-INF/services/java.sql.Driver", "com.example.SomeDriver\n");
        try (URLClassLoader parent =
                new URLClassLoader(new URL[] {classpath.toUri().toURL()}, null)) {
            ClassLoader lean = new ContainerTasks.NoThreadContextProviders(parent);

            assertThat(Collections.list(parent.getResources(ContainerTasks.PROVIDERS)))
                    .hasSize(1);
            assertThat(Collections.list(lean.getResources(ContainerTasks.PROVIDERS)))
                    .isEmpty();
            assertThat(Collections.list(lean.getResources("META-INF/services/java.sql.Driver")))
                    .containsExactlyElementsOf(
                            Collections.list(parent.getResources("META-INF/services/java.sql.Driver")));
            assertThat(lean.loadClass("java.lang.String")).isSameAs(String.class);
            assertThat(lean.getParent()).isSameAs(parent);
        }
    }

    private void write(String name, String text) throws IOException {
        Path file = classpath.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
